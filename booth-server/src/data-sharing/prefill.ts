import { addressFromText } from '@onething/contract/catalogue/address';
import { checkFieldValue, type FieldValue } from '@onething/contract/catalogue/field-check';
import type {
  Answers,
  MergedForm,
  PrefillFieldOutcome,
  PrefillReason,
  PrefillResult,
  SourceProblem,
} from '@onething/contract/catalogue/form';
import type { FieldDefinition, Localized, SourceKind } from '@onething/contract/catalogue/schema';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { divisionTable } from '@onething/contract/node/divisions';
import { maskText } from '@onething/contract/privacy/mask';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { formFields } from '../forms/merged-form.ts';
import type { LicenceHolding } from '../forms/merged-materials.ts';
import type { CallOptions, SharedDataSources } from './adapters.ts';
import { defaultResolvers, type Resolver, type ResolverContext, type Values } from './resolvers.ts';

export interface PrefillOptions {
  /** How long one source call may take before the field is left for the citizen. */
  timeoutMs?: number;
  /** The clock: ages and "recent" licences are judged on it. */
  now?: () => Date;
  /** Households registered under this region-code prefix are local; default the catalogue's. */
  localRegionPrefix?: string;
  resolvers?: Resolver[];
}

const SOURCE_NAMES: Record<SourceKind, Localized> = {
  idCard: { zh: '身份证', en: 'the ID card' },
  householdRegistry: { zh: '户籍系统', en: 'the household registry' },
  marriageRegistry: { zh: '婚姻登记系统', en: 'the marriage registry' },
  socialSecurity: { zh: '社会保险系统', en: 'the social insurance system' },
  propertyRegistry: { zh: '不动产登记系统', en: 'the real estate registry' },
  licenceLibrary: { zh: '电子证照库', en: 'the electronic licence library' },
  marketRegulation: { zh: '市场主体登记系统', en: 'the market entity register' },
};

/** Why a lookup failed, carried from the call wrapper to the field outcomes. */
class SourceFailure extends Error {
  readonly kind: 'timeout' | 'failed';
  constructor(kind: 'timeout' | 'failed', message: string) {
    super(message);
    this.kind = kind;
  }
}

const REASON_RANK: Record<PrefillReason, number> = {
  sourceUnavailable: 5,
  ambiguous: 4,
  invalidFromSource: 3,
  notFound: 2,
  needsInput: 1,
  noAdapter: 1,
  personal: 0,
};

/** Keys that name a person or a company: lookups by them need a source, not a typed value. */
function namesSomeone(key: string): boolean {
  return key.endsWith('.idNumber') || key.endsWith('.uscc');
}

function present(v: FieldValue | undefined): v is FieldValue {
  return v !== undefined && v !== '';
}

/**
 * A register's plain address text ("广东省广州市番禺区市桥街道…") as an address answer (region
 * code, names and detail), so the kiosk shows the region picked and the detail; text whose
 * places cannot be read down to the township fails the field's check and is left to the citizen.
 */
function storedForm(
  def: FieldDefinition | undefined,
  value: FieldValue | undefined,
): FieldValue | undefined {
  if (def?.type !== 'address' || typeof value !== 'string' || !value) return value;
  return addressFromText(value, divisionTable()) ?? value;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * 共享数据自动调用: fills a merged form from the ID card and the shared-data sources, field by
 * field, each value with its source. A source that fails, times out, finds nothing or finds
 * several candidates never fails the form: the field is left for the citizen with the reason.
 * Only values of form fields are returned; intermediate keys used to chain lookups stay inside.
 */
export class Prefill {
  readonly #catalogue: Catalogue;
  readonly #sources: SharedDataSources;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  readonly #localRegionPrefix: string;
  readonly #resolvers: Resolver[];

  constructor(catalogue: Catalogue, sources: SharedDataSources, opts: PrefillOptions = {}) {
    this.#catalogue = catalogue;
    this.#sources = sources;
    this.#timeoutMs = opts.timeoutMs ?? 3000;
    this.#now = opts.now ?? (() => new Date());
    this.#localRegionPrefix = opts.localRegionPrefix ?? catalogue.manifest.region.slice(0, 4);
    this.#resolvers = opts.resolvers ?? defaultResolvers();
  }

  /** Whether fields.yaml lets this source supply this key. */
  declared(key: string, source: SourceKind): boolean {
    return this.#catalogue.field(key)?.sources.includes(source) ?? false;
  }

  /** Every (key, source) pair a resolver can supply and the catalogue allows. */
  capabilities(): { key: string; source: SourceKind }[] {
    const out = new Map<string, { key: string; source: SourceKind }>();
    for (const r of this.#resolvers) {
      for (const key of r.outputs) {
        if (this.declared(key, r.source)) out.set(`${key} ${r.source}`, { key, source: r.source });
      }
    }
    return [...out.values()];
  }

  /** A session for one citizen: source answers are reused across rounds of the same form. */
  session(identity: IdentityCardData | null): PrefillSession {
    return new PrefillSession({
      catalogue: this.#catalogue,
      sources: this.#sources,
      timeoutMs: this.#timeoutMs,
      now: this.#now(),
      localRegionPrefix: this.#localRegionPrefix,
      resolvers: this.#resolvers,
      identity,
      declared: (k, s) => this.declared(k, s),
    });
  }

  /** One-off fill (a fresh session). */
  fill(
    identity: IdentityCardData | null,
    form: MergedForm,
    answers: Answers = {},
  ): Promise<PrefillResult> {
    return this.session(identity).fill(form, answers);
  }
}

interface SessionConfig {
  catalogue: Catalogue;
  sources: SharedDataSources;
  timeoutMs: number;
  now: Date;
  localRegionPrefix: string;
  resolvers: Resolver[];
  identity: IdentityCardData | null;
  declared: (key: string, source: SourceKind) => boolean;
}

const ADAPTER_OF: Record<Exclude<SourceKind, 'idCard'>, keyof SharedDataSources> = {
  householdRegistry: 'householdRegistry',
  marriageRegistry: 'marriageRegistry',
  socialSecurity: 'socialSecurity',
  propertyRegistry: 'propertyRegistry',
  licenceLibrary: 'licenceLibrary',
  marketRegulation: 'marketRegulation',
};

export class PrefillSession {
  readonly #cfg: SessionConfig;
  readonly #calls = new Map<string, Promise<unknown>>();
  readonly #problems: SourceProblem[] = [];
  readonly #lookups: string[] = [];
  readonly #ctx: ResolverContext;

  constructor(cfg: SessionConfig) {
    this.#cfg = cfg;
    this.#ctx = {
      identity: cfg.identity,
      now: cfg.now,
      localRegionPrefix: cfg.localRegionPrefix,
      source: (kind) => {
        const adapter = cfg.sources[kind];
        if (!adapter) throw new SourceFailure('failed', `${kind} is not configured`);
        return adapter;
      },
      call: (source, operation, arg, fn) => this.#call(source, operation, arg, fn),
    };
  }

  /** Every shared-data call made so far (`source.operation`), for the audit log. */
  lookups(): string[] {
    return [...this.#lookups];
  }

  /** Problems met so far (failed or slow sources), without personal data. */
  problems(): SourceProblem[] {
    return [...this.#problems];
  }

  #usable(r: Resolver): boolean {
    if (r.source === 'idCard') return this.#cfg.identity !== null;
    return this.#cfg.sources[ADAPTER_OF[r.source]] !== undefined;
  }

  #call<T>(
    source: SourceKind,
    operation: string,
    arg: string,
    fn: (opts: CallOptions) => Promise<T>,
  ): Promise<T> {
    const key = `${operation}\u0000${arg}`;
    let pending = this.#calls.get(key) as Promise<T> | undefined;
    if (!pending) {
      this.#lookups.push(`${source}.${operation}`);
      pending = this.#invoke(source, operation, fn);
      this.#calls.set(key, pending);
    }
    return pending;
  }

  async #invoke<T>(
    source: SourceKind,
    operation: string,
    fn: (opts: CallOptions) => Promise<T>,
  ): Promise<T> {
    const ac = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ac.abort();
        reject(new SourceFailure('timeout', `no answer within ${this.#cfg.timeoutMs} ms`));
      }, this.#cfg.timeoutMs);
    });
    try {
      return await Promise.race([fn({ signal: ac.signal }), timeout]);
    } catch (err) {
      const failure =
        err instanceof SourceFailure
          ? err
          : new SourceFailure('failed', maskText(err instanceof Error ? err.message : String(err)));
      this.#problems.push({
        source: source === 'idCard' ? 'idCard' : source,
        operation: `${source}.${operation}`,
        problem: failure.kind,
        message: failure.message,
      });
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Fills the form's fields the citizen has not answered. */
  async fill(form: MergedForm, answers: Answers): Promise<PrefillResult> {
    const { catalogue, declared } = this.#cfg;
    const fields = formFields(form);
    const wanted = new Set(fields.map((f) => f.key));
    const resolvers = this.#cfg.resolvers.filter((r) => this.#usable(r));
    const acquired = new Map<string, { value: FieldValue; source: SourceKind }>();
    const failures = new Map<string, PrefillReason>();
    const fail = (key: string, reason: PrefillReason): void => {
      const prev = failures.get(key);
      if (!prev || REASON_RANK[reason] > REASON_RANK[prev]) failures.set(key, reason);
    };
    const known = (key: string): FieldValue | undefined =>
      present(answers[key]) ? answers[key] : acquired.get(key)?.value;
    const have = (key: string): boolean => known(key) !== undefined;
    // Whom a lookup is about comes only from the card or a registry (the attested person and
    // the relations the registries confirm): a typed ID number or credit code must not open
    // someone else's records. A document number the citizen holds (a title deed's) may be typed.
    const usable = (key: string): boolean => acquired.has(key) || (!namesSomeone(key) && have(key));
    const supplies = (r: Resolver, key: string): boolean =>
      catalogue.field(key) === undefined || declared(key, r.source);

    // Keys worth knowing: the form's, and every input of a resolver that can supply one of them.
    const useful = new Set(wanted);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of resolvers) {
        if (!r.outputs.some((k) => useful.has(k) && supplies(r, k))) continue;
        for (const i of r.inputs) {
          if (!useful.has(i)) {
            useful.add(i);
            grew = true;
          }
        }
      }
    }

    const ran = new Set<string>();
    const inputsOf = (r: Resolver): Values =>
      Object.fromEntries(
        r.inputs.map((i) => [
          i,
          (namesSomeone(i) ? acquired.get(i)?.value : known(i)) as FieldValue,
        ]),
      );
    for (;;) {
      const eligible = resolvers.filter(
        (r) =>
          !ran.has(r.id) &&
          r.outputs.some((k) => useful.has(k) && !have(k) && supplies(r, k)) &&
          r.inputs.every(usable) &&
          (r.applies?.(inputsOf(r)) ?? true),
      );
      if (eligible.length === 0) break;
      // Independent lookups of one round run in parallel; results apply in table order.
      const results = await Promise.all(
        eligible.map(async (r) => {
          ran.add(r.id);
          try {
            return { r, outcome: await r.run(this.#ctx, inputsOf(r)) };
          } catch {
            return { r, outcome: undefined };
          }
        }),
      );
      const today = isoDay(this.#cfg.now);
      for (const { r, outcome } of results) {
        for (const key of r.outputs) {
          if (!useful.has(key) || have(key) || !supplies(r, key)) continue;
          if (!outcome) {
            fail(key, 'sourceUnavailable');
            continue;
          }
          const def = catalogue.field(key);
          const value = storedForm(def, outcome.values[key]);
          if (present(value)) {
            const check = { required: false, today, divisions: divisionTable() };
            if (def && checkFieldValue(def, value, check) !== null) {
              fail(key, 'invalidFromSource');
              continue;
            }
            acquired.set(key, { value, source: r.source });
            failures.delete(key);
          } else if (outcome.ambiguous?.includes(key)) fail(key, 'ambiguous');
          else fail(key, 'notFound');
        }
      }
    }

    const values: PrefillResult['values'] = {};
    const outcomes: PrefillFieldOutcome[] = [];
    for (const f of fields) {
      if (present(answers[f.key])) {
        outcomes.push({ key: f.key, status: 'answered', source: 'citizen' });
        continue;
      }
      const got = acquired.get(f.key);
      if (got) {
        values[f.key] = got;
        outcomes.push({ key: f.key, status: 'prefilled', source: got.source });
        continue;
      }
      const reason: PrefillReason = f.personal
        ? 'personal'
        : (failures.get(f.key) ??
          (resolvers.some((r) => r.outputs.includes(f.key) && supplies(r, f.key))
            ? 'needsInput'
            : 'noAdapter'));
      outcomes.push({
        key: f.key,
        status: 'typeIt',
        source: 'citizen',
        reason,
        message: this.#explain(f.key, reason, resolvers, have),
      });
    }
    return { values, fields: outcomes, sourceProblems: this.problems() };
  }

  #explain(
    key: string,
    reason: PrefillReason,
    resolvers: Resolver[],
    have: (k: string) => boolean,
  ): Localized {
    const { catalogue } = this.#cfg;
    const sourcesOf = (catalogue.field(key)?.sources ?? []).map((s) => SOURCE_NAMES[s]);
    const names = {
      zh: sourcesOf.map((s) => s.zh).join('、') || '共享数据',
      en: sourcesOf.map((s) => s.en).join(', ') || 'shared data',
    };
    switch (reason) {
      case 'personal':
        return {
          zh: '请填写：此项只有您本人知道',
          en: 'Please fill in: only you can tell us this',
        };
      case 'notFound':
        return {
          zh: `${names.zh}中没有查到，请填写`,
          en: `Not found in ${names.en}; please fill in`,
        };
      case 'sourceUnavailable':
        return {
          zh: `${names.zh}暂时无法访问，请填写`,
          en: `${names.en} cannot be reached now; please fill in`,
        };
      case 'ambiguous':
        return {
          zh: `${names.zh}中查到多条记录，请填写`,
          en: `Several records match in ${names.en}; please fill in`,
        };
      case 'invalidFromSource':
        return {
          zh: '共享数据未通过校验，请核对后填写',
          en: 'The shared data failed the checks; please fill in',
        };
      case 'noAdapter':
        return {
          zh: '尚未接入可提供此项的数据来源，请填写',
          en: 'No source for this is connected; please fill in',
        };
      case 'needsInput': {
        const missing = resolvers
          .filter((r) => r.outputs.includes(key))
          .flatMap((r) => r.inputs.filter((i) => !have(i)));
        if (missing.includes('applicant.idNumber') && !this.#cfg.identity) {
          return {
            zh: '读取身份证后可自动获取，或请填写',
            en: 'Read your ID card to fill this in, or type it',
          };
        }
        const first =
          missing.map((k) => catalogue.field(k)).find((d) => d?.personal) ??
          catalogue.field(missing[0] ?? '');
        if (first) {
          return {
            zh: `填写“${first.label.zh}”后可自动获取，或请直接填写`,
            en: `Filled in once you enter "${first.label.en}", or type it`,
          };
        }
        return { zh: '请填写', en: 'Please fill in' };
      }
    }
  }

  /** The licences the library holds for these identifiers (for 免提交); failures give none. */
  async licencesHeld(holderIds: readonly string[]): Promise<LicenceHolding[]> {
    const library = this.#cfg.sources.licenceLibrary;
    if (!library) return [];
    const out: LicenceHolding[] = [];
    const seen = new Set<string>();
    for (const id of new Set(holderIds)) {
      try {
        const records = await this.#call('licenceLibrary', 'licencesOf', id, (o) =>
          library.licencesOf(id, o),
        );
        for (const l of records) {
          const k = `${l.type}\u0000${l.number}`;
          if (seen.has(k)) continue;
          seen.add(k);
          out.push({ type: l.type, number: l.number, holderIds: l.holderIds });
        }
      } catch {
        // Already recorded as a source problem; the material simply stays "submit".
      }
    }
    return out;
  }
}
