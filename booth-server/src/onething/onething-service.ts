import { createHash } from 'node:crypto';
import {
  type BundleNotice,
  type CaseView,
  type CatalogueIndex,
  type FieldError,
  InstantCertificateRequest,
  type InstantCertificateResponse,
  type MergedFormView,
  MergeFormRequest,
  SubmitCaseRequest,
} from '@onething/shared/api/kiosk';
import { AppError } from '@onething/shared/errors';
import { checkIdNumber } from '@onething/shared/identity/id-number';
import type { IdentityCardData } from '@onething/shared/identity/identity-card';
import { parseOrThrow } from '@onething/shared/validation';
import type { Actor, CaseCatalogue, CaseService } from '../cases/case-service.ts';
import type { Catalogue } from '../catalog/catalogue.ts';
import { composeApplication, type PrefillPort } from '../forms/compose-application.ts';
import { validateAnswers } from '../forms/validate-answers.ts';
import type { UploadStore } from '../uploads/upload-store.ts';
import { bundleNotice, catalogueIndex, mergedFormView } from './views.ts';

export const ValidateFormRequest = MergeFormRequest.pick({
  bundleCode: true,
  itemCodes: true,
  answers: true,
}).extend({
  identity: MergeFormRequest.shape.identity,
});

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
          }
        : undefined;
    },
    departmentName: (code) => catalogue.department(code)?.name ?? { zh: code, en: code },
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
  readonly #publicUrl: () => string;

  constructor(deps: {
    catalogue: () => Catalogue;
    prefill: () => PrefillPort;
    cases: CaseService;
    uploads: UploadStore;
    publicUrl: () => string;
  }) {
    this.#catalogue = deps.catalogue;
    this.#prefill = deps.prefill;
    this.#cases = deps.cases;
    this.#uploads = deps.uploads;
    this.#publicUrl = deps.publicUrl;
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

  async mergeForm(input: unknown): Promise<MergedFormView> {
    const req = parseOrThrow(MergeFormRequest, input);
    assertIdentity(req.identity);
    const catalogue = this.#catalogue();
    const app = await composeApplication(catalogue, this.#prefill(), req);
    return mergedFormView(catalogue, app, req.itemCodes);
  }

  async validate(input: unknown): Promise<{ errors: FieldError[] }> {
    const req = parseOrThrow(ValidateFormRequest, input);
    assertIdentity(req.identity);
    const catalogue = this.#catalogue();
    const app = await composeApplication(catalogue, this.#prefill(), req);
    return { errors: validateAnswers(app.form, app.values).errors.map(toFieldError) };
  }

  /** Files the case; throws FIELD_INVALID with every field error when the form is not complete. */
  async submit(
    input: unknown,
    actor: Actor & { terminalId: string | null },
  ): Promise<{ case: CaseView; duplicate: boolean }> {
    const req = parseOrThrow(SubmitCaseRequest, input);
    assertIdentity(req.identity);
    const catalogue = this.#catalogue();
    const app = await composeApplication(catalogue, this.#prefill(), req);
    const { errors } = validateAnswers(app.form, app.values);
    if (errors.length) {
      const first = errors[0];
      throw new AppError('FIELD_INVALID', `${first?.key}: ${first?.message.en}`, {
        path: ['answers', first?.key ?? ''],
        details: { errors: errors.map(toFieldError) },
      });
    }
    const materials: Record<string, string> = {};
    for (const m of app.materials.materials) {
      if (m.status === 'exempt') {
        materials[m.key] = 'licence';
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
        identity: req.identity,
        answers: app.values,
        materials,
        channel: req.channel,
        terminalId: actor.terminalId,
      },
      actor,
    );
    return { case: view, duplicate };
  }

  /** 即时办结: e.g. 无犯罪记录证明 printed at the terminal. */
  instant(input: unknown): InstantCertificateResponse {
    const req = parseOrThrow(InstantCertificateRequest, input);
    assertIdentity(req.identity);
    const catalogue = this.#catalogue();
    const item = catalogue.item(req.itemCode);
    if (!item)
      throw new AppError('CATALOGUE_UNKNOWN_ITEM', `unknown item ${req.itemCode}`, {
        path: ['itemCode'],
      });
    if (!item.instant)
      throw AppError.validation(`${item.name.en} is not completed at a terminal`, ['itemCode']);
    const dept = catalogue.department(item.department);
    const issuedAt = new Date();
    const day = issuedAt.toISOString().slice(0, 10);
    const serial = `${item.code.slice(0, 6)}-${day.replaceAll('-', '')}-${createHash('sha256')
      .update(`${req.identity.idNumber}|${item.code}|${issuedAt.getTime()}`)
      .digest('hex')
      .slice(0, 8)
      .toUpperCase()}`;
    const verifyUrl = `${this.#publicUrl()}/verify/${serial}`;
    const who = `${req.identity.name}（公民身份号码 ${req.identity.idNumber}）`;
    return {
      serial,
      verifyUrl,
      document: {
        kind: 'certificate',
        title: item.result.name.zh,
        paragraphs: [
          `兹证明：${who}`,
          certificateStatement(item.code, item.result.name.zh),
          `本证明自出具之日起三个月内有效。出具日期：${day}。`,
          `可通过扫描二维码或访问 ${verifyUrl} 核验真伪。`,
        ],
        serial,
        qr: verifyUrl,
        issuer: dept?.name.zh ?? item.department,
      },
    };
  }
}

function certificateStatement(itemCode: string, resultName: string): string {
  // The seeded simulators hold no criminal or arrears records, so each statement is the clean one.
  if (resultName.includes('无犯罪')) return '经查询，截至出具之日，未发现该人有犯罪记录。';
  if (resultName.includes('社会保险'))
    return '该人员社会保险参保及缴费情况见本证明所附明细，数据来源于社会保险信息系统。';
  if (resultName.includes('户籍')) return '该人员户籍信息以户籍管理信息系统登记为准。';
  return `${resultName}（事项编码 ${itemCode}）。`;
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
