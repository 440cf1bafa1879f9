import type {
  Answers,
  MaterialList,
  MergedForm,
  PrefillResult,
} from '@onething/contract/catalogue/form';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { buildMergedForm } from './merged-form.ts';
import { type LicenceHolding, materialHolderIds, mergeMaterials } from './merged-materials.ts';

/** What composing needs from a prefill session (shared-data/prefill.ts implements it). */
export interface PrefillSessionPort {
  fill(form: MergedForm, answers: Answers): Promise<PrefillResult>;
  licencesHeld(holderIds: readonly string[]): Promise<LicenceHolding[]>;
  /** The shared-data calls made (`source.operation`), for the audit log. */
  lookups(): string[];
}

export interface PrefillPort {
  session(identity: IdentityCardData | null): PrefillSessionPort;
}

export interface ComposeRequest {
  bundleCode: string;
  itemCodes: readonly string[];
  /** The card read at the terminal; null before the citizen has identified. */
  identity: IdentityCardData | null;
  /** What the citizen typed so far; it wins over prefilled values. */
  answers?: Answers;
}

export interface ComposedApplication {
  form: MergedForm;
  prefill: PrefillResult;
  /** Prefilled values overlaid with the citizen's answers: the application as it stands. */
  values: Answers;
  materials: MaterialList;
  /** The shared-data calls composing made (`source.operation`). */
  lookups: string[];
  stats: {
    /** Fields of the applicable items' separate forms, added up. */
    separateFields: number;
    /** Fields of the merged form. */
    mergedFields: number;
    /** Fields the citizen types (answered or still to type) rather than the sources. */
    toType: number;
  };
}

/** Prefill can resolve conditions that add fields, which prefill again; it settles quickly. */
const MAX_ROUNDS = 6;

function sameValues(a: Answers, b: Answers): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * The whole 一表申请 + 一套材料 for one citizen: build the merged form, prefill it, rebuild with
 * what the prefill decided (conditional items and fields) until nothing changes, then merge the
 * materials and mark those the licence library holds as 免提交.
 */
export async function composeApplication(
  catalogue: Catalogue,
  prefill: PrefillPort,
  req: ComposeRequest,
): Promise<ComposedApplication> {
  const answers = req.answers ?? {};
  const session = prefill.session(req.identity);
  let values: Answers = { ...answers };
  let form = buildMergedForm(catalogue, { ...req, answers: values });
  let result = await session.fill(form, answers);
  const settled = (): Answers => ({
    ...Object.fromEntries(Object.entries(result.values).map(([k, v]) => [k, v.value])),
    ...answers,
  });
  for (let round = 1; round < MAX_ROUNDS && !sameValues(settled(), values); round++) {
    values = settled();
    form = buildMergedForm(catalogue, { ...req, answers: values });
    result = await session.fill(form, answers);
  }
  values = settled();
  // Licences are looked up only for people the card or a registry named, never a typed number.
  const sourced = Object.fromEntries(Object.entries(result.values).map(([k, v]) => [k, v.value]));
  const licences = await session.licencesHeld(materialHolderIds(catalogue, form, sourced));
  const materials = mergeMaterials(catalogue, form, values, licences);
  return {
    form,
    prefill: result,
    values,
    materials,
    lookups: session.lookups(),
    stats: {
      separateFields: form.separateFieldCount,
      mergedFields: form.fieldCount,
      toType: result.fields.filter((f) => f.status !== 'prefilled').length,
    },
  };
}
