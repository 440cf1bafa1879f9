/**
 * Honest results in the console: fleet alert reasons and timeline entries worded from the codes
 * and parameters the server records (agent-console/src/fleet/fleet-detail-text.ts).
 */
export const honestStrings = {
  honest_reason_paperNearEnd: { zh: '凭条纸即将用完', en: 'Receipt paper nearly out' },
  honest_reason_paperOut: { zh: '凭条纸已用完', en: 'Receipt paper out' },
  honest_reason_coverOpen: { zh: '凭条打印机盖未关', en: 'Receipt printer cover open' },
  honest_reason_receiptPrinterFault: { zh: '凭条打印机故障', en: 'Receipt printer fault' },
  honest_reason_a4PrinterFault: { zh: 'A4 打印机故障', en: 'A4 printer fault' },
  honest_reason_readerFault: { zh: '身份证读卡器故障', en: 'ID card reader fault' },
  honest_reason_readerAbsent: { zh: '身份证读卡器未连接', en: 'ID card reader not connected' },
  honest_reason_diskLow: { zh: '磁盘剩余空间 {n}%', en: '{n}% disk space free' },
  honest_reason_clockSkew: { zh: '终端时钟偏差 {n} 秒', en: 'Terminal clock off by {n} s' },
  honest_reason_silent: { zh: '{n} 秒未收到心跳', en: 'No heartbeat for {n} s' },
  honest_event_heartbeat: { zh: '收到心跳', en: 'Heartbeat received' },
  honest_event_silentSince: { zh: '自 {time} 起未收到心跳', en: 'No heartbeat since {time}' },
  honest_event_acknowledgedBy: { zh: '确认人：{name}', en: 'acknowledged by {name}' },
  honest_event_sentBy: { zh: '发出人：{name}', en: 'sent by {name}' },
  honest_event_sentByUndelivered: {
    zh: '发出人：{name}；终端离线，未送达',
    en: 'sent by {name}; the terminal was offline, not delivered',
  },
  honest_event_legacy: {
    zh: '详情未记录为代码（旧记录）',
    en: 'details not recorded as codes (older entry)',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
