import { FleetCommandOutcome } from '@onething/contract/sockets/fleet';
import { describe, expect, it } from 'vitest';
import { commandOutcomeText, recordedOutcome, recordedOutcomeText } from './command-outcome.ts';

describe('a fleet command outcome', () => {
  it('is worded in zh-CN and English, with the device reason', () => {
    expect(commandOutcomeText('testPagePrinted', null, 'zh-CN')).toBe('测试页已打印');
    expect(commandOutcomeText('testPagePrinted', null, 'en')).toBe('test page printed');
    expect(commandOutcomeText('testPageFailed', 'NOT_CONNECTED', 'zh-CN')).toBe(
      '测试页打印失败（未连接）',
    );
    expect(commandOutcomeText('testPageFailed', 'NOT_CONNECTED', 'en')).toBe(
      'the test page failed to print (not connected)',
    );
  });

  it('has words in both languages for every code, none of them the code itself', () => {
    for (const outcome of FleetCommandOutcome.options) {
      expect(commandOutcomeText(outcome, null, 'zh-CN')).not.toMatch(/[A-Za-z]{3}/);
      expect(commandOutcomeText(outcome, null, 'en')).toMatch(/ /);
    }
  });

  it('is read back from the timeline, and an entry from before codes shows no English', () => {
    expect(
      recordedOutcome('readerSelfTest: failed — readerSamFailed SAM_SELF_TEST_FAILED'),
    ).toEqual({ outcome: 'readerSamFailed', detailCode: 'SAM_SELF_TEST_FAILED' });
    expect(recordedOutcome('maintenanceOn: ok — maintenanceOn')).toEqual({
      outcome: 'maintenanceOn',
      detailCode: null,
    });
    const old = 'printTestPage: ok — test page printed';
    expect(recordedOutcome(old)).toEqual({ outcome: 'legacy', detailCode: null });
    expect(recordedOutcomeText(old, 'zh-CN')).toBe('结果未记录为代码');
    expect(recordedOutcomeText('restartBridge: failed — failed: EACCES', 'en')).toBe(
      'result not recorded as a code',
    );
  });
});
