import { RemoteActionFailure } from '@onething/contract/sockets/booth';
import { describe, expect, it } from 'vitest';
import { outcomeText, problemText } from './action-words.ts';

describe('outcomeText', () => {
  it('names the card read by its masked name, and the document by its upload', () => {
    const card = { code: 'cardRead', maskedName: '林**' } as const;
    expect(outcomeText(card, 'zh-CN')).toBe('已读取林**的身份证');
    expect(outcomeText(card, 'en')).toBe('card of 林** read');
    const doc = { code: 'documentCaptured', uploadId: 'up-9' } as const;
    expect(outcomeText(doc, 'zh-CN')).toBe('材料已上传（编号 up-9）');
    expect(outcomeText(doc, 'en')).toBe('document uploaded (no. up-9)');
  });
});

describe('problemText', () => {
  it('words every reason the booth can give, in both languages', () => {
    for (const reason of RemoteActionFailure.options) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = problemText({ code: 'booth', reason }, lang);
        expect(text).not.toBe('');
        expect(text).not.toContain(reason);
      }
    }
    const printer = { code: 'booth', reason: 'printerUnavailable' } as const;
    expect(problemText(printer, 'zh-CN')).toBe('晓屋的打印机不可用');
    expect(problemText(printer, 'en')).toBe('the booth’s printer is not available');
  });

  it('says a refused filing by its catalogue code, with the field at fault when there is one', () => {
    const field = {
      code: 'filingRefused',
      error: 'FIELD_INVALID',
      field: 'applicant.phone',
    } as const;
    expect(problemText(field, 'zh-CN')).toBe('填写的内容有误（applicant.phone）');
    expect(problemText(field, 'en')).toBe('A field is not valid (applicant.phone)');
    const whole = { code: 'filingRefused', error: 'FIELD_INVALID', field: null } as const;
    expect(problemText(whole, 'en')).toBe('A field is not valid');
  });

  it('words the server’s own problems', () => {
    expect(problemText({ code: 'noCardRead' }, 'zh-CN')).toBe('晓屋未读到身份证');
    expect(problemText({ code: 'noDocumentCaptured' }, 'en')).toBe('no document was captured');
    // Filing before the citizen identified is a refused request, and says why.
    expect(problemText({ code: 'draftIncomplete' }, 'zh-CN')).toBe(
      '提交的内容不符合要求：市民尚未核验身份或选择办理事项',
    );
    expect(problemText({ code: 'draftIncomplete' }, 'en')).toBe(
      'The request is not valid: the citizen has not identified or chosen a service yet',
    );
    expect(problemText({ code: 'filingFailed' }, 'en')).toBe('the case could not be filed');
  });
});
