import { AppError } from '@onething/contract/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseAccess } from '../cases/case-access.ts';
import { maskName } from '../cases/case-masking.ts';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import type { KioskVisit } from '../identity/kiosk-identity.ts';
import { BOOTH, type BoothKit, boothKit, OTHER_BOOTH, staffProfile } from './booth-test-kit.ts';
import { RemoteActions } from './remote-actions.ts';

const dataset = await loadDemoDataset();
const card = identityCardOf(dataset.people.find((p) => p.idNumber === '33990219940612022X')!);

let kit: BoothKit;
let actions: RemoteActions;
let visit: KioskVisit | null;
/** Why filing a case fails in these tests (the citizen service files them; tested there). */
let filingError: Error;
const police = staffProfile('police');
const colleague = staffProfile('colleague');

beforeEach(async () => {
  kit = await boothKit();
  visit = null;
  filingError = new Error('no case is filed in these tests');
  const { records, audit, access, catalogue, toKiosk, toStaff } = kit;
  actions = new RemoteActions({
    records,
    audit,
    onething: { submit: () => Promise.reject(filingError) },
    identity: { visitOf: async () => visit, linkCase: async () => undefined },
    catalogue,
    caseAccess: new CaseAccess(kit.db.db, audit),
    access,
    toKiosk,
    toStaff,
  });
  await kit.agentOn(police);
});
afterEach(() => kit.close());

const result = () => kit.delivered('remote:result').map((d) => [d.target, d.payload]);

describe('remote actions on the booth', () => {
  it('asks the kiosk, with consent where personal data is touched; only staff in the call may ask', async () => {
    const ticketId = await kit.connected(police);
    const asked = await actions.request(police, ticketId, { kind: 'readIdCard' });
    expect(asked.needsConsent).toBe(true);
    expect(kit.delivered('remote:action')[0]).toMatchObject({
      target: 'B-1',
      payload: { actionId: asked.actionId, ticketId, needsConsent: true, agentName: '李警官' },
    });
    expect(kit.records.action(asked.actionId)).toMatchObject({ agentId: 'police', ticketId });
    expect((await actions.request(police, ticketId, { kind: 'acceptCase' })).needsConsent).toBe(
      true,
    );
    await expect(
      actions.request(colleague, ticketId, { kind: 'readIdCard' }),
    ).rejects.toMatchObject({ code: 'NOT_IN_CALL' });
  });

  it('reads the card the device attested when the citizen consents; a refusal is reported and audited', async () => {
    const ticketId = await kit.connected(police);
    const first = await actions.request(police, ticketId, { kind: 'readIdCard' });
    // Another kiosk cannot answer for this one.
    await expect(
      actions.respond(OTHER_BOOTH, { actionId: first.actionId, consent: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await actions.respond(BOOTH, { actionId: first.actionId, consent: false });
    expect(kit.records.action(first.actionId)).toBeUndefined();

    const second = await actions.request(police, ticketId, { kind: 'readIdCard' });
    visit = {
      visitId: 'v1',
      sessionId: 's1',
      terminalId: BOOTH.id,
      actor: card,
      method: 'idCard',
      attestedAt: Date.now(),
    };
    await actions.respond(BOOTH, { actionId: second.actionId, consent: true });
    expect(kit.records.get(ticketId)?.draft?.identity).toEqual(card);
    expect(result()).toEqual([
      [
        'police',
        expect.objectContaining({
          actionId: first.actionId,
          status: 'declined',
          outcome: null,
          problem: null,
        }),
      ],
      [
        'police',
        // The agent sees the name masked until they reveal the identity.
        expect.objectContaining({
          actionId: second.actionId,
          status: 'done',
          outcome: { code: 'cardRead', maskedName: maskName(card.name) },
          problem: null,
        }),
      ],
    ]);
    const audit = await kit.audit.list({ limit: 50 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['booth.remote.readIdCard.declined', 'booth.remote.readIdCard.done']),
    );
  });

  it('reports a consented action that did not happen as failed', async () => {
    const ticketId = await kit.connected(police);
    const capture = await actions.request(police, ticketId, {
      kind: 'captureDocument',
      material: '户口簿',
    });
    await actions.respond(BOOTH, { actionId: capture.actionId, consent: true });
    // 收件受理 before the citizen identified or chose a 一件事.
    const accept = await actions.request(police, ticketId, { kind: 'acceptCase' });
    await actions.respond(BOOTH, { actionId: accept.actionId, consent: true });
    // Without a card attested for the session nothing is read.
    const read = await actions.request(police, ticketId, { kind: 'readIdCard' });
    await actions.respond(BOOTH, { actionId: read.actionId, consent: true });
    expect(result().map(([, r]) => [r.kind, r.status, r.problem])).toEqual([
      ['captureDocument', 'failed', { code: 'noDocumentCaptured' }],
      ['acceptCase', 'failed', { code: 'draftIncomplete' }],
      ['readIdCard', 'failed', { code: 'noCardRead' }],
    ]);
    expect(kit.delivered('case:updated')).toEqual([]);
  });

  it('passes the booth’s own reason on as its code, and audits it', async () => {
    const ticketId = await kit.connected(police);
    const print = await actions.request(police, ticketId, {
      kind: 'print',
      title: '办理须知',
      paragraphs: ['请携带户口簿原件。'],
    });
    await actions.respond(BOOTH, {
      actionId: print.actionId,
      consent: true,
      failed: 'printerUnavailable',
    });
    const capture = await actions.request(police, ticketId, {
      kind: 'captureDocument',
      material: '户口簿',
    });
    await actions.respond(BOOTH, { actionId: capture.actionId, consent: true, uploadId: 'up-1' });
    expect(result().map(([, r]) => [r.status, r.outcome, r.problem])).toEqual([
      ['failed', null, { code: 'booth', reason: 'printerUnavailable' }],
      ['done', { code: 'documentCaptured', uploadId: 'up-1' }, null],
    ]);
    const audit = await kit.audit.list({ limit: 50 });
    expect(audit.find((e) => e.action === 'booth.remote.print.failed')?.details).toEqual({
      agentId: 'police',
      problem: { code: 'booth', reason: 'printerUnavailable' },
    });
  });

  it('reports a refused filing by its catalogue code and the field at fault, never its text', async () => {
    const ticketId = await kit.connected(police);
    const live = kit.records.get(ticketId);
    if (!live) throw new Error('no call');
    visit = {
      visitId: 'v1',
      sessionId: 's1',
      terminalId: BOOTH.id,
      actor: card,
      method: 'idCard',
      attestedAt: Date.now(),
    };
    live.visit = visit;
    live.draft = {
      bundleCode: 'YJSP001',
      itemCodes: [],
      answers: {},
      identity: card,
      step: 'review',
    };
    filingError = new AppError('FIELD_INVALID', 'applicant.phone: Required', {
      path: ['applicant', 'phone'],
    });
    const refused = await actions.request(police, ticketId, { kind: 'acceptCase' });
    await actions.respond(BOOTH, { actionId: refused.actionId, consent: true });
    filingError = new Error('the database went away');
    const broken = await actions.request(police, ticketId, { kind: 'acceptCase' });
    await actions.respond(BOOTH, { actionId: broken.actionId, consent: true });
    expect(result().map(([, r]) => [r.status, r.problem, r.caseNumber])).toEqual([
      ['failed', { code: 'filingRefused', error: 'FIELD_INVALID', field: 'applicant.phone' }, null],
      ['failed', { code: 'filingFailed' }, null],
    ]);
  });
});
