import type { ItemDefinition, Localized } from '@onething/contract/catalogue/schema';
import type { CatalogueIssue, IssuePath, IssueRule } from './catalogue-issue.ts';
import type { CatalogueData, Located } from './parse-catalogue.ts';

/**
 * Notice = materials: the one-time notice of a bundle must ask the citizen to bring exactly what
 * its items' processes request. A paper two items of a bundle ask for is asked in one form (原件
 * or 原件和复印件, not both), else the notice would say one and a desk want the other; papers an
 * item of the bundle produces (新生儿户口簿本人页, 营业执照) are outputs, never asked of the
 * citizen (the notice and the merged form both leave them out). And no placeholder text
 * ("示例", "TODO") reaches the citizen from the catalogue.
 */
export function materialCheck(data: CatalogueData): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const at = (
    loc: Located<unknown>,
    sub: IssuePath,
    rule: IssueRule,
    problem: string,
    refs?: CatalogueIssue['refs'],
  ): void => {
    issues.push({
      file: loc.file,
      path: [...loc.path, ...sub],
      problem,
      rule,
      ...(refs && { refs }),
    });
  };
  const items = new Map(data.items.map((l) => [l.value.code, l.value]));

  for (const loc of data.bundles) {
    const b = loc.value;
    const members = b.items.flatMap((code) => {
      const item = items.get(code);
      return item ? [item] : [];
    });
    const asked = new Map<string, { item: ItemDefinition; form: string }>();
    const produced = new Set(members.flatMap((item) => item.produces?.materials ?? []));
    b.items.forEach((code, i) => {
      const item = items.get(code);
      if (!item) return;
      for (const m of item.materials) {
        if (produced.has(m.material)) continue;
        const first = asked.get(m.material);
        if (!first) asked.set(m.material, { item, form: m.form });
        else if (first.form !== m.form) {
          at(
            loc,
            ['items', i],
            'noticeForm',
            `bundle ${b.code}: material "${m.material}" is asked as ${m.form} by item ${code} but as ${first.form} by item ${first.item.code}; the notice can tell the citizen only one`,
            { material: m.material, items: [code, first.item.code] },
          );
        }
      }
    });
  }

  const texts: [Located<unknown>, IssuePath, Localized][] = [];
  for (const loc of data.items) {
    const it = loc.value;
    texts.push([loc, ['name'], it.name]);
    it.legalBasis.forEach((t, i) => texts.push([loc, ['legalBasis', i], t]));
    it.acceptanceConditions.forEach((t, i) => texts.push([loc, ['acceptanceConditions', i], t]));
    it.process.forEach((t, i) => texts.push([loc, ['process', i], t]));
  }
  for (const loc of data.bundles) {
    const b = loc.value;
    texts.push([loc, ['description'], b.description]);
    b.conditional.forEach((c, i) => texts.push([loc, ['conditional', i, 'reason'], c.reason]));
    b.process.forEach((t, i) => texts.push([loc, ['process', i], t]));
  }
  for (const loc of data.materials) {
    texts.push([loc, ['name'], loc.value.name]);
    if (loc.value.note) texts.push([loc, ['note'], loc.value.note]);
  }
  for (const [loc, path, text] of texts) {
    const hit = PLACEHOLDER.exec(`${text.zh}\n${text.en}`);
    if (hit) at(loc, path, 'placeholder', `placeholder text "${hit[0]}" would reach the citizen`);
  }
  return issues;
}

const PLACEHOLDER = /（示例）|\(illustrative\)|示例|待定|待补充|TODO|TBD|FIXME|lorem ipsum|xxx/i;
