import type { CertificateSummary } from './certificate-service.ts';

/**
 * The public certificate verification page (/verify/<serial>?d=<digest>, from the QR code):
 * zh-CN and English side by side, server-rendered so a phone without JavaScript can read it.
 * It names only what the paper itself shows (type, date, issuer, terminal) and the holder
 * masked, so that a reader can match the paper without learning anything more.
 */
export function verifyPage(serial: string, summary: CertificateSummary | null): string {
  let verdictClass: 'ok' | 'bad' | 'unknown';
  let verdict: string;
  if (!summary) {
    verdictClass = 'bad';
    verdict = `<p lang="zh-CN">未查到编号为 ${esc(serial)} 的证明：该纸质证明不是真实出具的。</p>
      <p lang="en">No certificate with serial ${esc(serial)} was issued: this paper is not genuine.</p>`;
  } else if (summary.digestMatches === false) {
    verdictClass = 'bad';
    verdict = `<p lang="zh-CN">核验码与出具记录不符：该纸质证明不是真实出具的，内容可能被篡改。</p>
      <p lang="en">The verification code does not match the record: this paper is not genuine; its content may have been altered.</p>`;
  } else if (summary.digestMatches === true) {
    verdictClass = 'ok';
    verdict = `<p lang="zh-CN">核验通过：证明编号与核验码均与出具记录一致。请核对下列信息与纸质证明相同。</p>
      <p lang="en">Verified: serial and verification code match the record. Check that the details below match the paper.</p>`;
  } else {
    verdictClass = 'unknown';
    verdict = `<p lang="zh-CN">请扫描证明上的二维码核验：核验码不一致的纸质证明不是真实出具的。</p>
      <p lang="en">Scan the QR code on the certificate: a paper whose verification code does not match is not genuine.</p>`;
  }
  const details = summary
    ? `<dl>
        <dt>证明类型 · Type</dt><dd>${esc(summary.title)}</dd>
        <dt>出具日期 · Issued</dt><dd>${day(summary.issuedAt)}</dd>
        <dt>有效期至 · Valid until</dt><dd>${day(summary.validUntil)}</dd>
        <dt>出具单位 · Issuer</dt><dd>${esc(summary.issuer)}</dd>
        <dt>出具终端 · Terminal</dt><dd>${esc(summary.terminalId)}</dd>
        <dt>持证人 · Holder</dt><dd>${esc(summary.holderMasked)}</dd>
        <dt>证明编号 · Serial</dt><dd>${esc(summary.serial)}</dd>
      </dl>`
    : '';
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>证明核验 · Certificate verification</title>
    <style>
      body { font: 18px/1.6 'Noto Sans CJK SC', 'PingFang SC', system-ui, sans-serif; margin: 0;
        color: #1a1a1a; background: #f5f7fa; }
      main { max-width: 34rem; margin: 0 auto; padding: 1.5rem 1rem; }
      h1 { font-size: 1.5rem; color: #0b4f9c; }
      .verdict { padding: 0.75rem 1rem; border-radius: 0.5rem; font-weight: 600; }
      .ok { background: #e6f4ea; border: 2px solid #1e7e34; }
      .bad { background: #fdecea; border: 2px solid #b00020; }
      .unknown { background: #fff8e1; border: 2px solid #8a6d00; }
      .verdict p { margin: 0.25rem 0; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
      dt { font-weight: 600; color: #444; }
      dd { margin: 0; overflow-wrap: anywhere; }
    </style>
  </head>
  <body>
    <main>
      <h1>证明核验 · Certificate verification</h1>
      <div class="verdict ${verdictClass}" data-verdict="${verdictClass}">${verdict}</div>
      ${details}
    </main>
  </body>
</html>
`;
}

function day(ms: number): string {
  // The issue date as printed on the paper (China Standard Time).
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
