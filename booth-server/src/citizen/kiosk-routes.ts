import {
  CaseLookupRequest,
  PublicCaseStatus,
  PublicRatingRequest,
} from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import express, { type Request, Router } from 'express';
import { requestIp } from '../accounts/staff-auth.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CertificateService } from '../certificates/certificate-service.ts';
import type { KioskIdentity } from '../identity/kiosk-identity.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import { requireKiosk } from '../terminals/terminal-auth.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import { MAX_UPLOAD_BYTES, type UploadStore } from '../uploads/upload-store.ts';
import type { OneThingService } from './onething-service.ts';
import type { StatusLookup } from './status-lookup.ts';

/**
 * The citizen-facing API a terminal's kiosk UI uses (kiosk session token required). Who the
 * citizen is comes only from the session's attestation by the device bridge: a request that
 * names an identity is refused, and everything personal needs an attested one.
 */
export function kioskRoutes(deps: {
  terminals: TerminalRegistry;
  onething: OneThingService;
  uploads: UploadStore;
  ratings: RatingService;
  identity: KioskIdentity;
  certificates: CertificateService;
  audit: AuditLog;
  status: StatusLookup;
  /** Who served a video call, so a rating of it is tied to that staff member. */
  servedBy: (
    terminalId: string,
    callId: string,
  ) => Promise<{ staffId: string | null; department: string | null }>;
}): Router {
  const r = Router();
  const terminalOf = (req: Request) => {
    if (!req.terminal) throw AppError.unauthenticated();
    return req.terminal;
  };
  // Raw bodies for uploads come before the JSON parser so a 10 MB photo is not parsed as JSON.
  r.post(
    '/uploads',
    requireKiosk(deps.terminals),
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res
        .status(201)
        .json(await deps.uploads.put(body, req.get('content-type'), terminalOf(req).id));
    },
  );
  r.use(requireKiosk(deps.terminals));
  r.get('/catalogue', (_req, res) => {
    res.json(deps.onething.index());
  });
  r.get('/bundles/:code', (req, res) => {
    res.json(deps.onething.notice(req.params.code as string));
  });
  const ipOf = (req: Request) => requestIp(req);
  const actorOf = (req: Request) => ({
    type: 'terminal' as const,
    id: terminalOf(req).id,
    ip: ipOf(req),
  });
  // Before anyone identified the form is blank: nothing is looked up without an attestation.
  r.post('/forms', async (req, res) => {
    const kiosk = terminalOf(req);
    await deps.identity.refuseSupplied(kiosk, req.body, 'kiosk.form', ipOf(req));
    const visit = await deps.identity.visitOf(kiosk);
    res.json(await deps.onething.mergeForm(req.body, visit?.actor ?? null, actorOf(req)));
  });
  r.post('/forms/validate', async (req, res) => {
    const kiosk = terminalOf(req);
    await deps.identity.refuseSupplied(kiosk, req.body, 'kiosk.validate', ipOf(req));
    const visit = await deps.identity.visitOf(kiosk);
    res.json(await deps.onething.validate(req.body, visit?.actor ?? null, actorOf(req)));
  });
  r.post('/cases', async (req, res) => {
    const kiosk = terminalOf(req);
    await deps.identity.refuseSupplied(kiosk, req.body, 'kiosk.case', ipOf(req));
    const visit = await deps.identity.require(kiosk, 'kiosk.case', ipOf(req));
    const result = await deps.onething.submit(req.body, visit.actor, {
      ...actorOf(req),
      terminalId: kiosk.id,
    });
    await deps.identity.linkCase(visit, result.case.caseNumber, 'filed');
    res.status(result.duplicate ? 200 : 201).json(result);
  });
  // A wrong second factor is the attack here: a few tries a minute per terminal.
  const lookupLimit = new RateLimiter(10, 60_000);
  r.post(
    '/cases/lookup',
    lookupLimit.middleware((req) => `t:${req.terminal?.id}`),
    async (req, res) => {
      const q = parseOrThrow(CaseLookupRequest, req.body);
      const terminal = terminalOf(req);
      res.json(
        await deps.status.lookup(q.caseNumber, q.idLast4, {
          type: 'terminal',
          id: terminal.id,
          ip: requestIp(req),
        }),
      );
    },
  );
  // A rating comes only from the visit that filed the case or was served in it: sequential
  // case numbers must not let one terminal rate a whole day's cases.
  r.post('/ratings', async (req, res) => {
    const kiosk = terminalOf(req);
    const caseNumber = typeof req.body?.caseNumber === 'string' ? req.body.caseNumber : '';
    if (!(await deps.identity.visitHandled(kiosk, caseNumber))) {
      await deps.audit.record({
        actorType: 'terminal',
        actorId: kiosk.id,
        action: 'rating.refused',
        targetType: 'case',
        targetId: caseNumber.slice(0, 40) || null,
        ip: ipOf(req),
        details: { reason: 'case not filed or served in this visit' },
      });
      throw new AppError('RATING_NOT_ALLOWED');
    }
    const callId = typeof req.body?.callId === 'string' ? req.body.callId : null;
    const served = callId
      ? await deps.servedBy(kiosk.id, callId)
      : { staffId: null, department: null };
    await deps.ratings.rate(req.body, served, { type: 'terminal', id: kiosk.id });
    res.status(201).json({ ok: true });
  });
  r.post('/instant', async (req, res) => {
    const kiosk = terminalOf(req);
    await deps.identity.refuseSupplied(kiosk, req.body, 'kiosk.certificate', ipOf(req));
    const visit = await deps.identity.require(kiosk, 'kiosk.certificate', ipOf(req));
    res.json(
      await deps.certificates.issue(req.body, visit.actor, {
        terminalId: kiosk.id,
        visitId: visit.visitId,
        ip: ipOf(req),
      }),
    );
  });
  return r;
}

/**
 * Status lookup and rating for anyone holding a receipt (e.g. a phone that scanned its QR
 * code): per address a few requests a minute, per case the StatusLookup's attempt limit.
 */
export function publicRoutes(status: StatusLookup): Router {
  const r = Router();
  const limit = new RateLimiter(10, 60_000);
  const perAddress = limit.middleware((req) => requestIp(req) ?? 'unknown');
  const actor = (req: Request) => ({ type: 'citizen' as const, id: null, ip: requestIp(req) });
  r.post('/cases/lookup', perAddress, async (req, res) => {
    const q = parseOrThrow(CaseLookupRequest, req.body);
    // Outbound through the contract too: nothing beyond the public view leaves.
    res.json(
      PublicCaseStatus.parse(await status.publicStatus(q.caseNumber, q.idLast4, actor(req))),
    );
  });
  r.post('/cases/rating', perAddress, async (req, res) => {
    const q = parseOrThrow(PublicRatingRequest, req.body);
    await status.rate(q, actor(req));
    res.status(201).json({ ok: true });
  });
  return r;
}
