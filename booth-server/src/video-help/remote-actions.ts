import { randomUUID } from 'node:crypto';
import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import {
  CONSENT_REQUIRED,
  type RemoteActionFailure,
  type RemoteActionOutcome,
  type RemoteActionProblem,
  type RemoteActionRequest,
  type RemoteActionResult,
} from '@onething/contract/sockets/booth';
import { CONSENT_WORDING } from '@onething/contract/privacy/consent';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CaseAccess } from '../cases/case-access.ts';
import { maskName } from '../cases/case-service.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { ConsentLedger } from '../consent/consent-ledger.ts';
import type { KioskIdentity } from '../identity/kiosk-identity.ts';
import type { OneThingService } from '../citizen/onething-service.ts';
import type { TerminalPrincipal } from '../terminals/terminal-registry.ts';
import type { CallAccess } from './call-access.ts';
import type { CallRecord, CallRecordStore, PendingAction } from './call-record-store.ts';
import type { Deliver } from './booth-ports.ts';

/**
 * Remote actions on the booth (read the ID card, capture a document, show a form, print, 收件受理)
 * with the citizen's consent. Pending actions live in the call record, so an action asked for
 * before a restart can still be answered after it.
 */
export class RemoteActions {
  readonly #records: CallRecordStore;
  readonly #audit: AuditLog;
  readonly #onething: Pick<OneThingService, 'submit'>;
  readonly #catalogue: () => Catalogue;
  readonly #caseAccess: Pick<CaseAccess, 'grant'>;
  readonly #identity: Pick<KioskIdentity, 'visitOf' | 'linkCase'>;
  readonly #access: CallAccess;
  readonly #toKiosk: Deliver;
  readonly #toStaff: Deliver;

  constructor(deps: {
    records: CallRecordStore;
    audit: AuditLog;
    onething: Pick<OneThingService, 'submit'>;
    /** The card of a readIdCard is the one the device bridge attested, never the page's. */
    identity: Pick<KioskIdentity, 'visitOf' | 'linkCase'>;
    catalogue: () => Catalogue;
    caseAccess: Pick<CaseAccess, 'grant'>;
    access: CallAccess;
    toKiosk: Deliver;
    toStaff: Deliver;
  }) {
    this.#identity = deps.identity;
    this.#records = deps.records;
    this.#audit = deps.audit;
    this.#onething = deps.onething;
    this.#catalogue = deps.catalogue;
    this.#caseAccess = deps.caseAccess;
    this.#access = deps.access;
    this.#toKiosk = deps.toKiosk;
    this.#toStaff = deps.toStaff;
  }

  /** Asks the booth to do something for the agent; the kiosk shows it and asks consent. */
  async request(staff: StaffProfile, ticketId: string, request: RemoteActionRequest) {
    await this.#access.inCall(staff, ticketId);
    const live = this.#records.get(ticketId);
    if (!live) throw AppError.notFound('no such call');
    const action: PendingAction = {
      actionId: randomUUID(),
      ticketId: live.ticketId,
      agentId: staff.id,
      request,
    };
    this.#records.addAction(action);
    const needsConsent = CONSENT_REQUIRED[request.kind];
    this.#toKiosk(live.terminal.id, 'remote:action', {
      actionId: action.actionId,
      ticketId: live.ticketId,
      request,
      needsConsent,
      agentName: staff.displayName,
    });
    return { actionId: action.actionId, needsConsent };
  }

  async respond(
    terminal: TerminalPrincipal,
    r: {
      actionId: string;
      consent: boolean;
      uploadId?: string | undefined;
      failed?: RemoteActionFailure | undefined;
    },
  ): Promise<void> {
    const action = this.#records.action(r.actionId);
    const live = action ? this.#records.get(action.ticketId) : undefined;
    // An action of another terminal looks the same as an unknown one.
    if (!action || !live || live.terminal.id !== terminal.id)
      throw AppError.notFound(`action ${r.actionId}`);
    // The action stays pending (the citizen may answer again) unless its audit can be written.
    await this.#audit.assertWritable();
    this.#records.takeAction(r.actionId);
    let status: RemoteActionResult['status'] = r.consent ? 'done' : 'declined';
    let outcome: RemoteActionOutcome | null = null;
    let problem: RemoteActionProblem | null = null;
    let caseNumber: string | null = null;
    if (r.consent && r.failed) {
      problem = { code: 'booth', reason: r.failed };
    } else if (r.consent && action.request.kind === 'readIdCard') {
      // The card is the one the device bridge attested for this kiosk session, never one the
      // page names.
      const visit = await this.#identity.visitOf(terminal);
      if (!visit) {
        problem = { code: 'noCardRead' };
      } else {
        live.visit = visit;
        live.draft = {
          ...(live.draft ?? {
            bundleCode: live.bundleCode,
            itemCodes: [],
            answers: {},
            step: 'call',
          }),
          identity: visit.actor,
        };
        outcome = { code: 'cardRead', maskedName: maskName(visit.actor.name) };
        await this.#records.save(live.ticketId);
      }
    } else if (r.consent && action.request.kind === 'captureDocument') {
      if (r.uploadId) outcome = { code: 'documentCaptured', uploadId: r.uploadId };
      else problem = { code: 'noDocumentCaptured' };
    } else if (r.consent && action.request.kind === 'acceptCase') {
      try {
        caseNumber = await this.#acceptCase(live, action.agentId);
        if (!caseNumber) problem = { code: 'draftIncomplete' };
      } catch (e) {
        problem =
          e instanceof AppError
            ? {
                code: 'filingRefused',
                error: e.code,
                field: e.path?.length ? e.path.join('.') : null,
              }
            : { code: 'filingFailed' };
      }
    }
    if (problem) status = 'failed';
    await this.#audit.record({
      actorType: 'terminal',
      actorId: terminal.id,
      action: `booth.remote.${action.request.kind}.${status}`,
      targetType: 'ticket',
      targetId: action.ticketId,
      details: {
        agentId: action.agentId,
        ...(caseNumber ? { caseNumber } : {}),
        ...(problem ? { problem } : {}),
      },
    });
    this.#toStaff(action.agentId, 'remote:result', {
      actionId: action.actionId,
      ticketId: action.ticketId,
      kind: action.request.kind,
      status,
      outcome,
      problem,
      caseNumber,
    } satisfies RemoteActionResult);
  }

  /**
   * 收件受理: files the booth's draft as a case on behalf of the department; null when the
   * citizen has not identified or chosen a 一件事 yet.
   */
  async #acceptCase(live: CallRecord, agentId: string): Promise<string | null> {
    const draft = live.draft;
    const visit = live.visit;
    if (!draft?.bundleCode || !draft.identity || !visit) return null;
    const itemCodes = draft.itemCodes.length
      ? draft.itemCodes
      : (this.#catalogue().bundle(draft.bundleCode)?.items ?? []);
    const bundle = this.#catalogue().bundle(draft.bundleCode);
    const { case: view } = await this.#onething.submit(
      {
        idempotencyKey: `booth-${live.ticketId}`,
        bundleCode: draft.bundleCode,
        itemCodes,
        answers: draft.answers,
        channel: 'booth',
        // The citizen agreed on the kiosk to this filing, in words that include a guardian's
        // consent for a child's information (help.consent.acceptCase).
        consents: bundle
          ? ConsentLedger.required(bundle).map((purpose) => ({
              purpose,
              wording: CONSENT_WORDING[purpose],
            }))
          : [],
      },
      visit.actor,
      { type: 'staff', id: agentId, terminalId: live.terminal.id },
    );
    live.caseNumber = view.caseNumber;
    // Served in this visit: the citizen may rate it from this kiosk session.
    await this.#identity.linkCase(visit, view.caseNumber, 'served');
    await this.#records.save(live.ticketId);
    // The agent assigned this ticket may work the case even from another region (跨省通办).
    await this.#caseAccess.grant(view.caseNumber, agentId, live.ticketId);
    this.#toKiosk(live.terminal.id, 'case:updated', view);
    return view.caseNumber;
  }
}
