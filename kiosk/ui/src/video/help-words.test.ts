import { describe, expect, it } from 'vitest';
import { regionName } from '@onething/contract/regions';
import { activityWords, positionWords, qualityWords, waitWords } from './help-words.ts';

describe('video help in words', () => {
  it('says the queue position as people ahead, not as a bare number', () => {
    expect(positionWords('zh-CN', 1)).toContain('下一位');
    expect(positionWords('en', 2)).toBe('There is 1 person ahead of you.');
    expect(positionWords('en', 4)).toBe('There are 3 people ahead of you.');
    expect(positionWords('zh-CN', 4)).toContain('3 位');
  });

  it('rounds the wait to whole minutes, with "under a minute" for short waits', () => {
    expect(waitWords('en', 20)).toBe('Expected wait: under a minute.');
    expect(waitWords('en', 80)).toBe('Expected wait: about 1 minute.');
    expect(waitWords('en', 150)).toBe('Expected wait: about 3 minutes.');
    expect(waitWords('zh-CN', 600)).toContain('10 分钟');
  });

  it('turns the call score into good, fair or poor', () => {
    expect(qualityWords('en', null)).toContain('checking');
    expect(qualityWords('en', 10)).toContain('good');
    expect(qualityWords('en', 5)).toContain('fair');
    expect(qualityWords('en', 2)).toContain('poor');
  });

  it('says what the agent is doing on the terminal at each stage', () => {
    const action = {
      actionId: 'a',
      agentName: '李警官',
      needsConsent: true,
      request: { kind: 'print' as const, title: '材料清单', paragraphs: ['x'] },
    };
    expect(activityWords('en', null)).toContain('not doing anything');
    expect(activityWords('zh-CN', { ...action, stage: 'ask' })).toBe(
      '李警官请求为您打印“材料清单”，正在等您同意。',
    );
    expect(activityWords('en', { ...action, stage: 'working' })).toContain('print "材料清单"');
    expect(activityWords('en', { ...action, stage: 'declined' })).toContain('You said no');
    expect(activityWords('en', { ...action, stage: 'failed' })).toContain('Not done');
  });

  it('names an agent’s region by its province', () => {
    expect(regionName('440113', 'zh-CN')).toBe('广东省广州市番禺区（440113）');
    expect(regionName('450100', 'zh-CN')).toBe('广西壮族自治区（450100）');
    expect(regionName('510104', 'en')).toBe('Jinjiang, Chengdu, Sichuan (510104)');
    expect(regionName('north', 'en')).toBe('north');
    expect(regionName('990000', 'en')).toBe('990000');
  });
});
