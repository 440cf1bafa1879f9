import { describe, expect, it } from 'vitest';
import { classifyScan, statusLookupUrl } from './classify-scan.ts';

const BASE = 'https://gov.example.cn/status';

describe('classifyScan', () => {
  it('reads back the QR code printed on our own receipt', () => {
    const url = statusLookupUrl(BASE, 'YJS-20250101-0001');
    expect(classifyScan(url, BASE)).toEqual({
      kind: 'caseReceipt',
      caseNumber: 'YJS-20250101-0001',
    });
  });

  it('does not take another site’s URL with a case parameter for a receipt', () => {
    expect(classifyScan('https://evil.example.com/status?case=YJS-20250101-0001', BASE)).toEqual({
      kind: 'notOurs',
    });
    expect(classifyScan('https://gov.example.cn/other?case=YJS-20250101-0001', BASE)).toEqual({
      kind: 'notOurs',
    });
    expect(classifyScan(`${BASE}?case=a`, BASE)).toEqual({ kind: 'notOurs' });
  });

  it('recognises an electronic-ID credential', () => {
    const code = `CTID:${'A1b2C3d4'.repeat(4)}`;
    expect(classifyScan(code, BASE)).toEqual({ kind: 'electronicId', code });
  });

  it('calls everything else not ours', () => {
    for (const text of ['6901234567892', 'hello', 'WIFI:S:net;T:WPA;P:x;;', 'CTID:short']) {
      expect(classifyScan(text, BASE)).toEqual({ kind: 'notOurs' });
    }
  });
});
