import type { ChatMessage } from '@onething/contract/sockets/booth';
import { describe, expect, it } from 'vitest';
import { chatText, chatWho } from './chat-text.ts';

const line = { ticketId: 'T1', from: 'system', at: 1 } as const;
const connected: ChatMessage = {
  ...line,
  code: 'agentConnected',
  params: {
    name: '李警官',
    departmentName: { zh: '云溪市公安局', en: 'Yunxi Public Security Bureau' },
  },
};
const joined = (role: 'agent' | 'supervisor'): ChatMessage => ({
  ...line,
  code: 'guestJoined',
  params: { name: '陈主管', role },
});

describe('chat lines in words', () => {
  it('words the booth’s own lines as the server once wrote them, and in English', () => {
    expect(chatText(connected, 'zh-CN')).toBe('李警官（云溪市公安局）已接通');
    expect(chatText(connected, 'en')).toBe('李警官 (Yunxi Public Security Bureau) is connected');
    expect(chatText(joined('supervisor'), 'zh-CN')).toBe('陈主管（主管）加入了通话');
    expect(chatText(joined('agent'), 'zh-CN')).toBe('陈主管 加入了通话');
    expect(chatText(joined('supervisor'), 'en')).toBe('陈主管 (supervisor) joined the call');
  });

  it('names the citizen and the booth by role, staff by name, and keeps what people wrote', () => {
    const citizen: ChatMessage = { ticketId: 'T1', from: 'citizen', text: '您好', at: 1 };
    const agent: ChatMessage = {
      ticketId: 'T1',
      from: 'agent',
      name: '李警官',
      text: '好的',
      at: 2,
    };
    expect([chatWho(citizen, 'zh-CN'), chatText(citizen, 'zh-CN')]).toEqual(['市民', '您好']);
    expect([chatWho(agent, 'en'), chatText(agent, 'en')]).toEqual(['李警官', '好的']);
    expect([chatWho(connected, 'zh-CN'), chatWho(connected, 'en')]).toEqual(['系统', 'System']);
  });
});
