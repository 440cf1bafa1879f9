import { z } from 'zod';
import type { Language } from './kiosk.ts';

/**
 * The closed vocabulary a device's state detail reaches the fleet in. Free text from a device
 * or a driver could carry whatever was on a card or a form ("读到 林晓雯 3399…"); a code from
 * this list cannot, and maintenance staff read it in their language.
 */
export const DEVICE_DETAIL_TEXT = {
  // device states
  STOPPED: { zh: '已停止', en: 'stopped' },
  NOT_CONNECTED: { zh: '未连接', en: 'not connected' },
  CONNECTED: { zh: '已连接', en: 'connected' },
  INITIALISING: { zh: '正在初始化', en: 'initialising' },
  NO_STATUS_REPLY: { zh: '无状态应答', en: 'no status reply' },
  NO_A4_QUEUE: { zh: '未配置 A4 打印队列', en: 'no A4 queue configured' },
  // ID card reader
  SAM_SELF_TEST_FAILED: { zh: '安全模块自检失败', en: 'SAM self-test failed' },
  SAM_STATUS: { zh: '安全模块状态异常', en: 'SAM status error' },
  BAD_REPLY: { zh: '读卡器应答异常', en: 'bad reply from the reader' },
  FRAMING: { zh: '通信帧错误', en: 'framing error' },
  TIMEOUT: { zh: '通信超时', en: 'timed out' },
  CARD_DATA_INVALID: { zh: '卡片数据无效', en: 'card data invalid' },
  CARD_EXPIRED: { zh: '证件已过期', en: 'card expired' },
  CARD_NOT_YET_VALID: { zh: '证件尚未生效', en: 'card not yet valid' },
  ID_NUMBER_INVALID: { zh: '证件号码校验失败', en: 'ID number check failed' },
  DEVICE_UNAVAILABLE: { zh: '设备不可用', en: 'device unavailable' },
  // receipt printer
  BAD_REPORT: { zh: '打印机报告异常', en: 'bad printer report' },
  STATUS_GARBAGE: { zh: '打印机状态无法识别', en: 'unreadable printer status' },
  STATUS_TIMEOUT: { zh: '打印机状态超时', en: 'printer status timed out' },
  WRITE_FAILED: { zh: '写入打印机失败', en: 'write to the printer failed' },
  // scanner
  AIM: { zh: '条码标识异常', en: 'barcode identifier error' },
  ENCODING: { zh: '条码编码异常', en: 'barcode encoding error' },
  INCOMPLETE: { zh: '扫描数据不完整', en: 'incomplete scan' },
  INTERRUPTED: { zh: '扫描被中断', en: 'scan interrupted' },
  LENGTH: { zh: '扫描长度异常', en: 'scan length error' },
  REPORT_ID: { zh: '扫描报告编号异常', en: 'scanner report id error' },
  SHORT_REPORT: { zh: '扫描报告过短', en: 'scanner report too short' },
  TOO_LONG: { zh: '扫描内容过长', en: 'scan too long' },
  // A4 printing (CUPS)
  CUPS_MISSING: { zh: '未安装 CUPS', en: 'CUPS not installed' },
  SCHEDULER_DOWN: { zh: 'CUPS 调度程序未运行', en: 'CUPS scheduler down' },
  QUEUE_NOT_FOUND: { zh: 'CUPS 打印队列不存在', en: 'CUPS queue not found' },
  PRINT_FAILED: { zh: '打印失败', en: 'printing failed' },
  FONT_MISSING: { zh: '缺少中文字体', en: 'CJK font missing' },
  RENDER_FAILED: { zh: '文档生成失败', en: 'document rendering failed' },
  // anything else the bridge saw: the detail stays on the terminal's own log
  OTHER: { zh: '其他（详见终端日志）', en: 'other (see the terminal log)' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type DeviceDetailCode = keyof typeof DEVICE_DETAIL_TEXT;

export const DeviceDetailCode = z.enum(
  Object.keys(DEVICE_DETAIL_TEXT) as [DeviceDetailCode, ...DeviceDetailCode[]],
);

/** The device texts the bridge used before codes, for the bridge's mapping. */
const PHRASES: Record<string, DeviceDetailCode> = {
  stopped: 'STOPPED',
  'not connected': 'NOT_CONNECTED',
  connected: 'CONNECTED',
  initialising: 'INITIALISING',
  'no status reply': 'NO_STATUS_REPLY',
  'no a4 queue configured': 'NO_A4_QUEUE',
  'sam self-test failed': 'SAM_SELF_TEST_FAILED',
};

/**
 * Reduces whatever a device reported to the vocabulary: a known code or phrase maps to its
 * code, anything else to OTHER. Nothing of the original text passes.
 */
export function toDeviceDetailCode(detail: string | null | undefined): DeviceDetailCode | null {
  if (detail === null || detail === undefined || detail === '') return null;
  if (Object.hasOwn(DEVICE_DETAIL_TEXT, detail)) return detail as DeviceDetailCode;
  return (
    PHRASES[detail.toLowerCase()] ??
    (detail.startsWith('CUPS has no queue') ? 'QUEUE_NOT_FOUND' : 'OTHER')
  );
}

export function deviceDetailText(code: DeviceDetailCode, lang: Language): string {
  const text = DEVICE_DETAIL_TEXT[code];
  return lang === 'en' ? text.en : text.zh;
}
