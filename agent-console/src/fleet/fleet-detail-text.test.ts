import {
  type AlertReason,
  encodeAlertReason,
  encodeTimelineDetail,
  type TimelineDetail,
} from '@onething/contract/sockets/fleet-detail';
import { describe, expect, it } from 'vitest';
import { alertDetailText, timelineDetailText } from './fleet-detail-text.ts';

const REASONS: AlertReason[] = [
  { code: 'paperNearEnd' },
  { code: 'paperOut' },
  { code: 'coverOpen' },
  { code: 'printerFault', printer: 'receipt', device: 'NOT_CONNECTED' },
  { code: 'printerFault', printer: 'a4', device: null },
  { code: 'readerFault', status: 'fault', device: 'SAM_SELF_TEST_FAILED' },
  { code: 'readerFault', status: 'absent', device: null },
  { code: 'diskLow', freePercent: 7 },
  { code: 'clockSkew', seconds: 95 },
  { code: 'silent', seconds: 120 },
];
const EVENTS: TimelineDetail[] = [
  { code: 'heartbeat' },
  { code: 'silentSince', since: Date.UTC(2026, 11, 7, 8, 0) },
  { code: 'alertOpened', rule: 'paperOut', reason: { code: 'paperOut' } },
  { code: 'alertAcknowledged', rule: 'paperOut', by: '运维小周' },
  { code: 'commandSent', action: 'readerSelfTest', by: '运维小周', delivered: true },
  { code: 'commandSent', action: 'reloadUi', by: '运维小周', delivered: false },
];
/** English words the server once wrote into details. */
const SERVER_ENGLISH = /paper|printer|reader|heartbeat|disk|clock|by |fault|offline/i;

describe('fleet alert reasons and timeline entries, worded by the console', () => {
  it('says every alert reason in zh-CN without English, and in English', () => {
    for (const r of REASONS) {
      const zh = alertDetailText(encodeAlertReason(r), 'zh-CN');
      const en = alertDetailText(encodeAlertReason(r), 'en');
      expect(zh, r.code).not.toMatch(SERVER_ENGLISH);
      expect(zh, r.code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, r.code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toBe(r.code);
    }
    expect(alertDetailText(encodeAlertReason(REASONS[3] as AlertReason), 'zh-CN')).toBe(
      '凭条打印机故障（未连接）',
    );
    expect(alertDetailText(encodeAlertReason({ code: 'diskLow', freePercent: 7 }), 'en')).toBe(
      '7% disk space free',
    );
  });

  it('says every timeline entry with its parameters, never the server’s sentence', () => {
    for (const e of EVENTS) {
      const zh = timelineDetailText(encodeTimelineDetail(e), 'zh-CN') ?? '';
      expect(zh, e.code).not.toMatch(SERVER_ENGLISH);
      expect(zh, e.code).toMatch(/[\u4e00-\u9fff]/);
      expect(timelineDetailText(encodeTimelineDetail(e), 'en'), e.code).not.toBe(e.code);
    }
    const sent = encodeTimelineDetail(EVENTS[4] as TimelineDetail);
    expect(timelineDetailText(sent, 'zh-CN')).toBe('发出人：运维小周');
    expect(timelineDetailText(sent, 'en')).toBe('sent by 运维小周');
    expect(
      timelineDetailText(encodeTimelineDetail({ code: 'alertResolved', rule: 'paperOut' }), 'en'),
    ).toBeNull();
  });

  it('does not show an entry recorded before codes (server English)', () => {
    expect(alertDetailText('receipt paper out', 'zh-CN')).toBe('详情未记录为代码（旧记录）');
    expect(timelineDetailText('readerSelfTest by 运维小周', 'en')).toBe(
      'details not recorded as codes (older entry)',
    );
  });
});
