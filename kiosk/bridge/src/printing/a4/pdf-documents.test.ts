import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCjkFont } from './cjk-font.ts';
import {
  type CertificateDocument,
  renderCertificatePdf,
  renderReceiptPdf,
} from './pdf-documents.ts';

const font = findCjkFont();
if (!font)
  console.warn(
    'pdf-documents.test: no CJK font installed (apt-get install fonts-noto-cjk); PDF tests skipped',
  );

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
const poppler = hasTool('pdftotext') && hasTool('pdfinfo');
if (!poppler)
  console.warn('pdf-documents.test: poppler-utils missing; text extraction checks skipped');

const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inspect(pdf: Buffer, name: string): { text: string; info: string; fonts: string } {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
  };
}

const certificate: CertificateDocument = {
  title: '无犯罪记录证明',
  serialNumber: 'BJ-2025-000123',
  paragraphs: [
    '经查，王䶮，性别男，公民身份号码440304199003071237，在本市居住期间，未发现有犯罪记录。',
    '特此证明。',
  ],
  fields: [{ label: '用途', value: '出国留学' }],
  issuer: '北京市公安局东城分局',
  issuedOn: '2025-06-01',
  verify: { url: 'https://zwfw.example.cn/verify/BJ-2025-000123', caption: '扫码核验' },
};

describe('finding a CJK font', () => {
  it('prefers Noto Sans CJK SC and falls back to the regular face for bold', () => {
    const only = (paths: string[]) => (p: string) => paths.includes(p);
    expect(
      findCjkFont({}, undefined, only(['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'])),
    ).toEqual({
      regular: {
        path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
        postscriptName: 'NotoSansCJKsc-Regular',
      },
      bold: {
        path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
        postscriptName: 'NotoSansCJKsc-Regular',
      },
    });
    expect(
      findCjkFont({}, undefined, only(['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc']))?.regular
        .postscriptName,
    ).toBe('WenQuanYiMicroHei');
    expect(findCjkFont({}, undefined, () => false)).toBeNull();
    expect(
      findCjkFont({ KIOSK_CJK_FONT: '/opt/f.ttc#MyFace' }, undefined, () => true)?.regular,
    ).toEqual({
      path: '/opt/f.ttc',
      postscriptName: 'MyFace',
    });
  });
});

describe.skipIf(!font)('PDF documents', () => {
  it('renders an A4 certificate with embedded Chinese text', async () => {
    const pdf = await renderCertificatePdf(certificate, {
      creationDate: new Date('2025-06-01T00:00:00Z'),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!poppler) return;
    const { text, info, fonts } = inspect(pdf, 'certificate.pdf');
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/Pages:\s+1/);
    expect(fonts).toMatch(/NotoSansCJKsc-(Regular|Bold)\s+CID Type 0C\s+Identity-H\s+yes/);
    const compact = text.replace(/\s+/g, '');
    for (const expected of [
      '编号：BJ-2025-000123',
      '无犯罪记录证明',
      '未发现有犯罪记录',
      '用途：出国留学',
      '北京市公安局东城分局',
      '2025年6月1日',
      '扫码核验',
    ]) {
      expect(compact).toContain(expected.replace(/\s+/g, ''));
    }
  });

  it('renders an 80 mm receipt exactly as long as its content', async () => {
    const pdf = await renderReceiptPdf({
      title: '受理回执',
      lines: ['事项：新生儿出生一件事', { text: '办件编号：2024-000123', bold: true }],
      qr: { data: 'https://zwfw.example.cn/c/2024-000123', caption: '扫码查询进度' },
      footer: ['请妥善保管'],
    });
    if (!poppler) return;
    const { text, info } = inspect(pdf, 'receipt.pdf');
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    expect(Number(size?.[1])).toBeCloseTo(226.77, 1);
    expect(Number(size?.[2])).toBeGreaterThan(200);
    expect(Number(size?.[2])).toBeLessThan(400);
    expect(text.replace(/\s+/g, '')).toContain(
      '受理回执事项：新生儿出生一件事办件编号：2024-000123扫码查询进度请妥善保管',
    );
  });

  it('fails with typed errors for a missing font and a bad date', async () => {
    await expect(
      renderCertificatePdf(certificate, {
        font: { regular: { path: '/nonexistent.ttc' }, bold: { path: '/nonexistent.ttc' } },
      }),
    ).rejects.toMatchObject({ code: 'FONT_MISSING' });
    await expect(
      renderCertificatePdf({ ...certificate, issuedOn: '1 June 2025' }),
    ).rejects.toMatchObject({
      code: 'RENDER_FAILED',
    });
  });
});
