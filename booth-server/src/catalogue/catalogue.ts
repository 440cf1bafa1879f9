import { type ConditionNode, parseCondition } from '@onething/contract/catalogue/condition';
import {
  type BundleDefinition,
  type CatalogueManifest,
  type DepartmentDefinition,
  type FieldDefinition,
  type ItemDefinition,
  LIFE_EVENTS,
  type LicenceDefinition,
  type LifeEvent,
  type Localized,
  type MaterialDefinition,
  type RegionDefinition,
  type SectionDefinition,
} from '@onething/contract/catalogue/schema';

export interface CatalogueVersion {
  /** The version declared in catalogue.yaml. */
  declared: string;
  /** First 12 hex digits of the SHA-256 over every file's path and content. */
  hash: string;
  /** `declared+hash`: changes whenever any file changes, even without a new declared version. */
  id: string;
}

export interface CatalogueContent {
  manifest: CatalogueManifest;
  regions: RegionDefinition[];
  departments: DepartmentDefinition[];
  sections: SectionDefinition[];
  fields: FieldDefinition[];
  licences: LicenceDefinition[];
  materials: MaterialDefinition[];
  items: ItemDefinition[];
  bundles: BundleDefinition[];
}

export interface SearchHit {
  kind: 'bundle' | 'item';
  code: string;
  name: Localized;
  /** Lower is better: 0 exact name, 1 name prefix, 2 name substring, 3 code, 4 other text. */
  rank: number;
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * The validated, read-only service catalogue. Build it with loadCatalogue(); every reference in
 * it resolves, so lookups of codes taken from the catalogue itself never miss.
 */
export class Catalogue {
  readonly version: CatalogueVersion;
  readonly manifest: CatalogueManifest;
  #regions: Map<string, RegionDefinition>;
  #departments: Map<string, DepartmentDefinition>;
  #sections: SectionDefinition[];
  #fields: Map<string, FieldDefinition>;
  #fieldOrder: Map<string, number>;
  #licences: Map<string, LicenceDefinition>;
  #materials: Map<string, MaterialDefinition>;
  #items: Map<string, ItemDefinition>;
  #bundles: Map<string, BundleDefinition>;
  #conditions = new Map<string, ConditionNode>();

  constructor(content: CatalogueContent, version: CatalogueVersion) {
    this.version = version;
    this.manifest = content.manifest;
    this.#regions = new Map(content.regions.map((r) => [r.code, r]));
    this.#departments = new Map(content.departments.map((d) => [d.code, d]));
    this.#sections = content.sections;
    this.#fields = new Map(content.fields.map((f) => [f.key, f]));
    this.#fieldOrder = new Map(content.fields.map((f, i) => [f.key, i]));
    this.#licences = new Map(content.licences.map((l) => [l.code, l]));
    this.#materials = new Map(content.materials.map((m) => [m.key, m]));
    this.#items = new Map(content.items.map((i) => [i.code, i]));
    this.#bundles = new Map(content.bundles.map((b) => [b.code, b]));
    for (const it of content.items) {
      for (const f of it.form) if (f.when) this.#parse(f.when);
      for (const m of it.materials) if (m.when) this.#parse(m.when);
    }
    for (const b of content.bundles) for (const c of b.conditional) this.#parse(c.when);
  }

  #parse(text: string): ConditionNode {
    const cached = this.#conditions.get(text);
    if (cached) return cached;
    const r = parseCondition(text);
    // The loader rejects catalogues with unparsable conditions before constructing one.
    if (!r.ok) throw new Error(`condition "${text}" does not parse: ${r.message}`);
    this.#conditions.set(text, r.node);
    return r.node;
  }

  /** The parsed tree of a condition text that appears in the catalogue. */
  condition(text: string): ConditionNode {
    return this.#parse(text);
  }

  regions(): RegionDefinition[] {
    return [...this.#regions.values()];
  }
  region(code: string): RegionDefinition | undefined {
    return this.#regions.get(code);
  }
  departments(): DepartmentDefinition[] {
    return [...this.#departments.values()];
  }
  department(code: string): DepartmentDefinition | undefined {
    return this.#departments.get(code);
  }
  /** Sections in display order. */
  sections(): SectionDefinition[] {
    return [...this.#sections];
  }
  /** Canonical fields in dictionary (display) order. */
  fields(): FieldDefinition[] {
    return [...this.#fields.values()];
  }
  field(key: string): FieldDefinition | undefined {
    return this.#fields.get(key);
  }
  /** Position in the dictionary, for stable ordering of merged forms. */
  fieldOrder(key: string): number {
    return this.#fieldOrder.get(key) ?? Number.MAX_SAFE_INTEGER;
  }
  licences(): LicenceDefinition[] {
    return [...this.#licences.values()];
  }
  licence(code: string): LicenceDefinition | undefined {
    return this.#licences.get(code);
  }
  materials(): MaterialDefinition[] {
    return [...this.#materials.values()];
  }
  material(key: string): MaterialDefinition | undefined {
    return this.#materials.get(key);
  }
  items(): ItemDefinition[] {
    return [...this.#items.values()];
  }
  item(code: string): ItemDefinition | undefined {
    return this.#items.get(code);
  }
  /** Items a terminal completes on the spot (即时办结), e.g. 无犯罪记录证明. */
  instantItems(): ItemDefinition[] {
    return this.items().filter((i) => i.instant);
  }
  /** 实施编码: the implementing body's credit code followed by the item code. */
  implementationCode(itemCode: string): string | undefined {
    const it = this.#items.get(itemCode);
    const dept = it && this.#departments.get(it.department);
    return dept ? `${dept.uscc}${it.code}` : undefined;
  }
  bundles(): BundleDefinition[] {
    return [...this.#bundles.values()];
  }
  bundle(code: string): BundleDefinition | undefined {
    return this.#bundles.get(code);
  }
  bundlesByLifeEvent(event: LifeEvent): BundleDefinition[] {
    return this.bundles().filter((b) => b.lifeEvent === event);
  }
  bundlesContainingItem(itemCode: string): BundleDefinition[] {
    return this.bundles().filter((b) => b.items.includes(itemCode));
  }

  /**
   * Case- and width-insensitive substring search over names (zh and en), codes, descriptions,
   * life events and department names. Bundles come before items at equal rank.
   */
  search(query: string, limit = 20): SearchHit[] {
    const q = normalise(query);
    if (!q) return [];
    const rankOf = (name: Localized, code: string, other: string[]): number | undefined => {
      const names = [normalise(name.zh), normalise(name.en)];
      if (names.includes(q)) return 0;
      if (names.some((n) => n.startsWith(q))) return 1;
      if (names.some((n) => n.includes(q))) return 2;
      if (normalise(code).includes(q)) return 3;
      if (other.some((o) => normalise(o).includes(q))) return 4;
      return undefined;
    };
    const hits: SearchHit[] = [];
    for (const b of this.#bundles.values()) {
      const event = LIFE_EVENTS[b.lifeEvent];
      const lead = this.#departments.get(b.leadDepartment)?.name;
      const rank = rankOf(b.name, b.code, [
        b.description.zh,
        b.description.en,
        event.zh,
        event.en,
        lead?.zh ?? '',
        lead?.en ?? '',
        ...b.synonyms.zh,
        ...b.synonyms.en,
      ]);
      if (rank !== undefined) hits.push({ kind: 'bundle', code: b.code, name: b.name, rank });
    }
    for (const it of this.#items.values()) {
      const dept = this.#departments.get(it.department)?.name;
      const rank = rankOf(it.name, it.code, [
        it.description?.zh ?? '',
        it.description?.en ?? '',
        dept?.zh ?? '',
        dept?.en ?? '',
      ]);
      if (rank !== undefined) hits.push({ kind: 'item', code: it.code, name: it.name, rank });
    }
    hits.sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.kind === b.kind ? 0 : a.kind === 'bundle' ? -1 : 1) ||
        a.code.localeCompare(b.code),
    );
    return hits.slice(0, Math.max(0, limit));
  }
}
