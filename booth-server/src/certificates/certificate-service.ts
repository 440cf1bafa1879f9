import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  InstantCertificateRequest,
  type InstantCertificateResponse,
} from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { parseOrThrow } from '@onething/contract/validation';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { DB } from '../db/schema.ts';

/** A certificate is valid for three months from its issue date (its own text says so). */
const VALIDITY_MS = 92 * 24 * 60 * 60_000;

/** What /verify/<serial> may show anyone holding the paper: nothing beyond the masked holder. */
export interface CertificateSummary {
  serial: string;
  title: string;
  issuer: string;
  terminalId: string;
  issuedAt: number;
  validUntil: number;
  holderMasked: string;
  /** null: no digest was given (the page asks for the one in the QR code). */
  digestMatches: boolean | null;
}

/**
 * 即时办结 certificates printed at a terminal, always for the kiosk visit's attested person.
 * Each is stored with its serial and a keyed digest (HMAC over the exact printed content, key
 * from configuration); the QR code carries both, so a paper whose text or digest was made up
 * does not verify, even with a real serial.
 */
export class CertificateService {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #catalogue: () => Catalogue;
  readonly #publicUrl: () => string;
  readonly #key: Buffer;
  readonly #now: () => number;

  constructor(deps: {
    db: Kysely<DB>;
    audit: AuditLog;
    catalogue: () => Catalogue;
    publicUrl: () => string;
    /** CERTIFICATE_HMAC_KEY: the digest key; a leak lets anyone mint a matching digest. */
    key: Buffer;
    now?: () => number;
  }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#catalogue = deps.catalogue;
    this.#publicUrl = deps.publicUrl;
    this.#key = deps.key;
    this.#now = deps.now ?? Date.now;
  }

  /** Issues the certificate for `holder` (the attested actor; the caller establishes it). */
  async issue(
    input: unknown,
    holder: IdentityCardData,
    by: { terminalId: string; visitId: string; ip: string | null },
  ): Promise<InstantCertificateResponse> {
    const req = parseOrThrow(InstantCertificateRequest, input);
    const catalogue = this.#catalogue();
    const item = catalogue.item(req.itemCode);
    if (!item)
      throw new AppError('CATALOGUE_UNKNOWN_ITEM', `unknown item ${req.itemCode}`, {
        path: ['itemCode'],
      });
    if (!item.instant)
      throw AppError.validation(`${item.name.en} is not completed at a terminal`, ['itemCode']);
    const issuer = catalogue.department(item.department)?.name.zh ?? item.department;
    const issuedAt = this.#now();
    const day = new Date(issuedAt).toISOString().slice(0, 10);
    const serial = `${item.code.slice(0, 6)}-${day.replaceAll('-', '')}-${randomBytes(5)
      .toString('hex')
      .toUpperCase()}`;
    const title = item.result.name.zh;
    const who = `${holder.name}（公民身份号码 ${holder.idNumber}）`;
    const body = [
      `兹证明：${who}`,
      certificateStatement(item.code, title),
      `本证明自出具之日起三个月内有效。出具日期：${day}。`,
    ];
    const digest = this.#digest([serial, title, issuer, by.terminalId, String(issuedAt), ...body]);
    const verifyUrl = `${this.#publicUrl()}/verify/${serial}?d=${digest}`;
    await this.#db
      .insertInto('certificates')
      .values({
        serial,
        item_code: item.code,
        title,
        issuer,
        terminal_id: by.terminalId,
        visit_id: by.visitId,
        holder_masked: maskHolder(holder),
        issued_at: issuedAt,
        valid_until: issuedAt + VALIDITY_MS,
        digest,
      })
      .execute();
    await this.#audit.record({
      actorType: 'terminal',
      actorId: by.terminalId,
      action: 'certificate.issue',
      targetType: 'certificate',
      targetId: serial,
      ip: by.ip,
      details: { itemCode: item.code, holder: maskIdNumber(holder.idNumber), visitId: by.visitId },
    });
    return {
      serial,
      verifyUrl,
      document: {
        kind: 'certificate',
        title,
        paragraphs: [
          ...body,
          `核验码：${digest}`,
          `可通过扫描二维码或访问 ${this.#publicUrl()}/verify/${serial} 核验真伪。`,
        ],
        serial,
        qr: verifyUrl,
        issuer,
      },
    };
  }

  /** What the public verification page shows; null for a serial never issued. */
  async verify(serial: string, digest: string | null): Promise<CertificateSummary | null> {
    if (!/^[A-Za-z0-9-]{6,40}$/.test(serial)) return null;
    const row = await this.#db
      .selectFrom('certificates')
      .selectAll()
      .where('serial', '=', serial)
      .executeTakeFirst();
    if (!row) return null;
    return {
      serial: row.serial,
      title: row.title,
      issuer: row.issuer,
      terminalId: row.terminal_id,
      issuedAt: Number(row.issued_at),
      validUntil: Number(row.valid_until),
      holderMasked: row.holder_masked,
      digestMatches: digest === null ? null : safeEqual(row.digest, digest),
    };
  }

  #digest(parts: string[]): string {
    const h = createHmac('sha256', this.#key);
    // Length-prefixed so no two different contents join to the same input.
    for (const p of parts) h.update(`${Buffer.byteLength(p)}:${p}\n`);
    return h.digest('base64url').slice(0, 32);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** 林晓雯 → 林*雯, ID → first 3 and last 1 (what a verifier needs to match the paper). */
function maskHolder(holder: IdentityCardData): string {
  const chars = [...holder.name];
  const name =
    chars.length <= 1
      ? '*'
      : chars.length === 2
        ? `${chars[0]}*`
        : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
  return `${name} ${maskIdNumber(holder.idNumber)}`;
}

function certificateStatement(itemCode: string, resultName: string): string {
  // The seeded simulators hold no criminal or arrears records, so each statement is the clean one.
  if (resultName.includes('无犯罪')) return '经查询，截至出具之日，未发现该人有犯罪记录。';
  if (resultName.includes('社会保险'))
    return '该人员社会保险参保及缴费情况见本证明所附明细，数据来源于社会保险信息系统。';
  if (resultName.includes('户籍')) return '该人员户籍信息以户籍管理信息系统登记为准。';
  return `${resultName}（事项编码 ${itemCode}）。`;
}
