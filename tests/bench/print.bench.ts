import { findCjkFont } from '../../kiosk/bridge/src/printing/a4/cjk-font.ts';
import { CupsPrinter, listCupsQueues } from '../../kiosk/bridge/src/printing/a4/cups-printer.ts';
import { renderCertificatePdf } from '../../kiosk/bridge/src/printing/a4/pdf-documents.ts';

const RUNS = 5;

/** An instant certificate: from the print request (render the PDF) to CUPS accepting the job. */
export async function run(): Promise<void> {
  const queues = await listCupsQueues().catch(() => [] as string[]);
  const queue = process.env.BENCH_CUPS_QUEUE ?? queues.find((q) => /pdf/i.test(q));
  if (!queue || !findCjkFont()) {
    process.stdout.write(
      `skipped: ${queue ? 'no CJK font installed' : `no CUPS PDF queue (queues: ${queues.join(', ') || 'none'}); .ci/run creates one`}\n`,
    );
    return;
  }
  const printer = new CupsPrinter(queue);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const pdf = await renderCertificatePdf({
      title: '无犯罪记录证明',
      serialNumber: `110117-20261124-BENCH${i}`,
      paragraphs: [
        '兹证明：林晓雯（公民身份号码 33990219940612022X）',
        '经查询，截至出具之日，未发现该人有犯罪记录。',
      ],
      issuer: '云溪市公安局',
      issuedOn: '2026-11-24',
      verify: { url: 'http://127.0.0.1:8080/verify/BENCH', caption: '扫码核验' },
    });
    await printer.print(pdf, { title: 'bench certificate' });
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  process.stdout.write(
    `certificate request → job accepted by CUPS (${queue}): median ${median.toFixed(0)} ms, max ${(sorted.at(-1) as number).toFixed(0)} ms   (target < 2000 ms) ${median < 2000 ? 'OK' : 'OVER'}\n`,
  );
}
