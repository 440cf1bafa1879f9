import { describe, expect, it } from 'vitest';
import { regionName } from '@onething/contract/regions';
import {
  activityWords,
  chatText,
  positionWords,
  qualityWords,
  requeuedWords,
  waitWords,
} from './help-words.ts';

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

  it('words the booth’s own chat lines and the requeue reason, as the server once wrote them', () => {
    const line = { ticketId: 't1', from: 'system', at: 1 } as const;
    const police = { zh: '云溪市公安局', en: 'Yunxi Public Security Bureau' };
    const connected = {
      ...line,
      code: 'agentConnected',
      params: { name: '李警官', departmentName: police },
    } as const;
    expect(chatText('zh-CN', connected)).toBe('李警官（云溪市公安局）已接通');
    expect(chatText('en', connected)).toBe('李警官 (Yunxi Public Security Bureau) is connected');
    const joined = (role: 'agent' | 'supervisor') =>
      ({ ...line, code: 'guestJoined', params: { name: '陈主管', role } }) as const;
    expect(chatText('zh-CN', joined('supervisor'))).toBe('陈主管（主管）加入了通话');
    expect(chatText('zh-CN', joined('agent'))).toBe('陈主管 加入了通话');
    expect(chatText('en', joined('supervisor'))).toBe('陈主管 (supervisor) joined the call');
    expect(chatText('zh-CN', { ticketId: 't1', from: 'citizen', text: '您好', at: 1 })).toBe(
      '您好',
    );
    expect(requeuedWords('zh-CN', 'agentLost')).toBe(
      '工作人员的网络中断了，您已回到队列最前面，请稍候。',
    );
    expect(requeuedWords('zh-CN', 'transfer')).toBe('您已被转接到其他窗口，请稍候。');
    expect(requeuedWords('en', 'agentLost')).toContain('front of the queue');
  });
});
