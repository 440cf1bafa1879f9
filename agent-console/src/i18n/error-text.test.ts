import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../errors.ts';
import { codeText, errorCode, errorText, NO_ANSWER } from './error-text.ts';

const NO_ANSWER_ZH = '服务器没有响应，请稍后重试。';

describe('the console’s code→text mapper', () => {
  it('says a catalogue code in the reader’s language, anything else as no answer', () => {
    expect(codeText('FORBIDDEN', 'zh-CN')).toBe('没有权限执行此操作');
    expect(codeText('FORBIDDEN', 'en')).toBe('You are not allowed to do this');
    expect(codeText(NO_ANSWER, 'zh-CN')).toBe(NO_ANSWER_ZH);
    expect(codeText('toString', 'en')).toBe('The server did not answer; please try again.');
  });

  it('a socket refusal is its code; no usable answer is NO_ANSWER', () => {
    const refused = ConsoleError.refused('server x', null, { code: 'CONFLICT', message: 'busy' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(errorText(refused, 'en')).toBe('This conflicts with the current state');
    expect(errorCode(ConsoleError.unreachable('server x'))).toBe(NO_ANSWER);
    expect(errorText(ConsoleError.badResponse('server x', 'data: bad'), 'zh-CN')).toBe(
      NO_ANSWER_ZH,
    );
    expect(errorText(new TypeError('Failed to fetch'), 'zh-CN')).toBe(NO_ANSWER_ZH);
  });

  it('a REST refusal keeps the server’s detail for English readers', () => {
    const body = { code: 'BAD_CREDENTIALS', message: 'no such user' } as const;
    expect(errorText(ConsoleError.refused('POST /x', 401, body), 'zh-CN')).toBe('用户名或密码错误');
    expect(errorText(ConsoleError.refused('POST /x', 401, body), 'en')).toBe(
      'Wrong username or password (no such user)',
    );
  });
});
