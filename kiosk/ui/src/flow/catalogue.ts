import type { BundleSummary, Text } from '@onething/contract/rest/kiosk';

/** The distinct life events of a catalogue, in catalogue order. */
export function lifeEventsOf(bundles: readonly BundleSummary[]): { code: string; name: Text }[] {
  const seen = new Map<string, Text>();
  for (const b of bundles) if (!seen.has(b.lifeEvent)) seen.set(b.lifeEvent, b.lifeEventName);
  return [...seen].map(([code, name]) => ({ code, name }));
}

/**
 * Bundles matching a life event and a search text. The text matches either language of the
 * name, life event or lead department, ignoring case and spaces, so "出生" and "birth" both work,
 * or one of the bundle's everyday words from the catalogue ("生孩子", "买房", "开饭店").
 */
export function filterBundles(
  bundles: readonly BundleSummary[],
  lifeEvent: string | null,
  search: string,
): BundleSummary[] {
  const q = normalise(search);
  return bundles.filter((b) => {
    if (lifeEvent && b.lifeEvent !== lifeEvent) return false;
    if (!q) return true;
    return (
      [b.name, b.lifeEventName, b.leadDepartment].some(
        (text) => normalise(text.zh).includes(q) || normalise(text.en).includes(q),
      ) || (b.synonyms ?? []).some((word) => matchesWord(normalise(word), q))
    );
  });
}

/** A typed query finds an everyday word it is part of, or that is part of it ("我想开饭店"). */
function matchesWord(word: string, q: string): boolean {
  return word.includes(q) || (q.length >= 2 && q.includes(word));
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}
