import {
  type BundleNotice,
  type CaseView,
  type CatalogueIndex,
  type FieldError,
  type MergedFormView,
  MergeFormRequest,
  SubmitCaseRequest,
  ValidateFormRequest,
} from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { ConsentLedger } from '../consent/consent-ledger.ts';
import { checkIdNumber, maskIdNumber } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { parseOrThrow } from '@onething/contract/validation';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CaseCatalogue } from '../cases/case-catalogue.ts';
import type { CaseService } from '../cases/case-service.ts';
import type { Actor, CaseEvidence } from '../cases/case-submission.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { composeApplication, type PrefillPort } from '../forms/compose-application.ts';
import { validateAnswers } from '../forms/validate-answers.ts';
import type { UploadStore } from '../uploads/upload-store.ts';
import { bundleNotice, catalogueIndex, mergedFormView } from './views.ts';

/** Adapts a catalogue version to what the case store needs of it. */
export function caseCatalogueOf(catalogue: Catalogue): CaseCatalogue {
  return {
    version: catalogue.version.id,
    bundleName: (code) => catalogue.bundle(code)?.name,
    item: (code) => {
      const item = catalogue.item(code);
      return item
        ? {
            name: item.name,
            department: item.department,
            promisedDays: item.timeLimit.promisedDays,
            fields: item.form.map((f) => f.field),
            materials: item.materials.map((m) => m.material),
            reasons: item.reasons,
            result: item.result,
          }
        : undefined;
    },
    departmentName: (code) => catalogue.department(code)?.name ?? { zh: code, en: code },
    subjectKey: (code) => {
      const bundle = catalogue.bundle(code);
      if (!bundle) return undefined;
      const lead = catalogue.department(bundle.leadDepartment);
      return {
        field: bundle.subjectKey.field,
        openStatuses: bundle.subjectKey.openStatuses,
        ask: {
          department: lead?.name ?? { zh: bundle.leadDepartment, en: bundle.leadDepartment },
          hotline: lead?.hotline ?? null,
        },
      };
    },
    materialName: (key) => catalogue.material(key)?.name,
    fieldLabel: (key) => catalogue.field(key)?.label,
    optionLabel: (key, value) =>
      catalogue.field(key)?.options?.find((o) => o.value === value)?.label,
    licenceName: (code) => catalogue.licence(code)?.name,
    maskedUntilRevealed: (key) => {
      const type = catalogue.field(key)?.type;
      // Numbers that let someone act as the citizen: ID numbers, phones, bank accounts.
      return type === 'idNumber' || type === 'phone' || /bankAccount$/.test(key);
    },
  };
}

/**
 * 一件事一次办 for a terminal: the catalogue views, the merged prefilled form, validation,
 * submission into cases, and instant certificates. REST and the bridge outbox both call it, so a
 * submission made offline is checked exactly like one made online.
 */
export class OneThingService {
  readonly #catalogue: () => Catalogue;
  readonly #prefill: () => PrefillPort;
  readonly #cases: CaseService;
  readonly #uploads: UploadStore;
  readonly #audit: AuditLog;
  readonly #consents: ConsentLedger;

  constructor(deps: {
    catalogue: () => Catalogue;
    prefill: () => PrefillPort;
    cases: CaseService;
    uploads: UploadStore;
    audit: AuditLog;
    consents: ConsentLedger;
  }) {
    this.#catalogue = deps.catalogue;
    this.#prefill = deps.prefill;
    this.#cases = deps.cases;
    this.#uploads = deps.uploads;
    this.#audit = deps.audit;
    this.#consents = deps.consents;
  }

  index(): CatalogueIndex {
    return catalogueIndex(this.#catalogue());
  }

  notice(code: string): BundleNotice {
    const catalogue = this.#catalogue();
    const bundle = catalogue.bundle(code);
    if (!bundle)
      throw new AppError('CATALOGUE_UNKNOWN_BUNDLE', `unknown bundle ${code}`, { path: ['code'] });
    return bundleNotice(catalogue, bundle);
  }

  /**
   * The merged form, prefilled for `applicant`: the attested person of the kiosk session (null
   * before anyone identified: then nothing is looked up). Never an identity from the request.
   */
  async mergeForm(
    input: unknown,
    applicant: IdentityCardData | null,
    by: Actor,
  ): Promise<MergedFormView> {
    const req = parseOrThrow(MergeFormRequest, input);
    const app = await this.#compose(req, applicant, by, 'form');
    return mergedFormView(this.#catalogue(), app, req.itemCodes);
  }

  async validate(
    input: unknown,
    applicant: IdentityCardData | null,
    by: Actor,
  ): Promise<{ errors: FieldError[] }> {
    const req = parseOrThrow(ValidateFormRequest, input);
    const app = await this.#compose(req, applicant, by, 'validate');
    return { errors: validateAnswers(app.form, app.values).errors.map(toFieldError) };
  }

  /**
   * Files the case for `applicant` (the attested person; the caller establishes it); throws
   * FIELD_INVALID with every field error when the form is not complete.
   */
  async submit(
    input: unknown,
    applicant: IdentityCardData,
    actor: Actor & { terminalId: string | null; ip?: string | null },
  ): Promise<{ case: CaseView; duplicate: boolean }> {
    const req = parseOrThrow(SubmitCaseRequest, input);
    const bundle = this.#catalogue().bundle(req.bundleCode);
    if (bundle) ConsentLedger.check(bundle, req.consents);
    const app = await this.#compose(req, applicant, actor, 'submit');
    const { errors } = validateAnswers(app.form, app.values);
    if (errors.length) {
      const first = errors[0];
      throw new AppError('FIELD_INVALID', `${first?.key}: ${first?.message.en}`, {
        path: ['answers', first?.key ?? ''],
        details: { errors: errors.map(toFieldError) },
      });
    }
    const materials: Record<string, string> = {};
    // What the reviewer is shown as the grounds of prefilled answers and 免提交 materials.
    const evidence: CaseEvidence = { fields: {}, licences: {} };
    for (const [key, v] of Object.entries(app.prefill.values)) evidence.fields[key] = v.source;
    for (const m of app.materials.materials) {
      if (m.status === 'exempt') {
        materials[m.key] = 'licence';
        if (m.exemptBy) evidence.licences[m.key] = m.exemptBy;
        continue;
      }
      const uploadId = req.uploads[m.key];
      if (uploadId) {
        if (!(await this.#uploads.exists(uploadId))) {
          throw AppError.validation(`upload ${uploadId} does not exist`, ['uploads', m.key]);
        }
        materials[m.key] = uploadId;
      } else {
        // Skipped at the terminal: the department will ask for it (more material).
        materials[m.key] = 'missing';
      }
    }
    for (const key of Object.keys(req.uploads)) {
      if (!(key in materials))
        throw AppError.validation(`material ${key} is not part of this application`, [
          'uploads',
          key,
        ]);
    }
    const itemCodes = app.form.items.filter((i) => i.state === 'applies').map((i) => i.code);
    const { view, duplicate } = await this.#cases.submit(
      {
        idempotencyKey: req.idempotencyKey,
        bundleCode: req.bundleCode,
        itemCodes,
        identity: applicant,
        answers: app.values,
        materials,
        evidence,
        channel: req.channel,
        terminalId: actor.terminalId,
      },
      actor,
    );
    // Also on a repeat: a filing interrupted after the case was written still gets its record.
    await this.#consents.record(view.caseNumber, req.consents, actor.terminalId);
    return { case: view, duplicate };
  }

  /** Composes the application for `applicant` and audits the shared-data calls it made. */
  async #compose(
    req: {
      bundleCode: string;
      itemCodes: string[];
      answers: Record<string, string | number | boolean>;
    },
    applicant: IdentityCardData | null,
    by: Actor,
    purpose: 'form' | 'validate' | 'submit',
  ) {
    assertIdentity(applicant);
    const app = await composeApplication(this.#catalogue(), this.#prefill(), {
      ...req,
      identity: applicant,
    });
    if (applicant && app.lookups.length > 0) {
      await this.#audit.record({
        actorType: by.type,
        actorId: by.id,
        action: 'shared_data.lookup',
        targetType: 'person',
        targetId: maskIdNumber(applicant.idNumber),
        ip: by.ip ?? null,
        details: { purpose, bundleCode: req.bundleCode, lookups: app.lookups },
      });
    }
    return app;
  }
}

function assertIdentity(identity: IdentityCardData | null): void {
  if (!identity) return;
  const problem = checkIdNumber(identity.idNumber);
  if (problem) {
    throw AppError.validation(`the ID number fails its ${problem} check`, ['identity', 'idNumber']);
  }
}

function toFieldError(e: {
  key: string;
  rule: string;
  message: { zh: string; en: string };
}): FieldError {
  return { key: e.key, rule: e.rule, message: e.message };
}
