/**
 * The one-thing report: for every seeded bundle, how many fields the separate item forms add up
 * to, how many the merged form has, how many the citizen still types after prefill (replaying
 * the bundle's demo scenario against the simulated shared-data sources), and the materials
 * before and after merging and 免提交. `--json` prints the report as JSON.
 * Exits with 1 when a target is missed or a scenario is incomplete.
 *
 *   npm run report:onething [-- --json]
 */
import { CatalogueError } from '../src/catalogue/catalogue-issue.ts';
import { loadCatalogueOrThrow } from '../src/catalogue/load-catalogue.ts';
import { computeOneThingReport, type OneThingReport } from '../src/forms/onething-report.ts';
import { DemoDataError, loadDemoDataset } from '../src/data-sharing/demo-dataset.ts';

/** Display width in a terminal: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
const padEnd = (t: string, n: number): string => t + ' '.repeat(Math.max(0, n - width(t)));
const padStart = (t: string, n: number): string => ' '.repeat(Math.max(0, n - width(t))) + t;

function table(report: OneThingReport): string {
  const head = [
    'Bundle',
    '一件事',
    'Applicant',
    'Separate',
    'Merged',
    'Typed',
    'Fewer',
    'Materials separate → merged → to submit (免提交)',
  ];
  const rows = report.bundles.map((b) => [
    b.bundle,
    b.name.zh,
    b.applicant,
    String(b.separateFields),
    String(b.mergedFields),
    String(b.typedFields),
    `${b.reductionPct.toFixed(1)}%`,
    `${b.materials.separate} → ${b.materials.merged} → ${b.materials.toSubmit} (${b.materials.exempt})`,
  ]);
  const a = report.average;
  rows.push([
    'Average',
    '',
    '',
    a.separateFields.toFixed(1),
    a.mergedFields.toFixed(1),
    a.typedFields.toFixed(1),
    `${a.reductionPct.toFixed(1)}%`,
    `${a.materialsSeparate} → ${a.materialsMerged} → ${a.materialsToSubmit}`,
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const numeric = new Set([3, 4, 5, 6]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? padStart(c, widths[i] ?? 0) : padEnd(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const t = report.targets;
  return [
    `一件事一次办 report — catalogue ${report.catalogueVersion}`,
    '',
    line(head),
    rule,
    ...rows.slice(0, -1).map(line),
    rule,
    line(rows[rows.length - 1] ?? []),
    '',
    'Separate: fields of the separate item forms added up. Merged: fields of the one merged form.',
    'Typed: fields the citizen types after the ID card and shared data prefilled the rest.',
    `Targets: ≥${t.averageReductionPct}% fewer typed fields on average, ≥${t.minReductionPct}% on every bundle — ${t.met ? 'met' : 'NOT met'}`,
    ...t.problems.map((p) => `  ✗ ${p}`),
  ].join('\n');
}

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  try {
    const report = await computeOneThingReport(
      await loadCatalogueOrThrow(),
      await loadDemoDataset(),
    );
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${table(report)}\n`);
    return report.targets.met ? 0 : 1;
  } catch (err) {
    if (err instanceof CatalogueError || err instanceof DemoDataError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main();
