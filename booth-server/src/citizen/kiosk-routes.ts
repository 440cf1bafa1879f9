import { AppError } from '@onething/contract/errors';
import { KioskRoutes, PublicRoutes } from '@onething/contract/rest/kiosk-routes';
import express, { type Request, type RequestHandler, Router } from 'express';
import { requestIp } from '../accounts/staff-auth.ts';
import type { RateLimits } from '../http/rate-limiter.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CertificateService } from '../certificates/certificate-service.ts';
import type { KioskIdentity, KioskVisit } from '../identity/kiosk-identity.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import { requireKiosk } from '../terminals/terminal-auth.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import { MAX_UPLOAD_BYTES, type UploadStore } from '../uploads/upload-store.ts';
import type { CaseService } from '../cases/case-service.ts';
import type { OneThingService } from './onething-service.ts';
import type { StatusLookup } from './status-lookup.ts';

/**
 * The citizen-facing API a terminal's kiosk UI uses (kiosk session token required). Who the
 * citizen is comes only from the session's attestation by the device bridge: a request that
 * names an identity is refused, and everything personal needs an attested one. Those checks
 * run before the body is parsed, so a page naming an identity is refused (and audited) however
 * malformed the rest of its request.
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
  cases: CaseService;
  /** The hotline the attract screen names (HELP_HOTLINE). */
  hotline: string;
  /** The nearest terminal in service (fleet), named when this one cannot print. */
  alternativeTo: (terminalId: string) => { name: string; site: string } | null;
  /** Who served a video call, so a rating of it is tied to that staff member. */
  servedBy: (
    terminalId: string,
    callId: string,
  ) => Promise<{ staffId: string | null; department: string | null }>;
  limits: RateLimits;
}): Router {
  const r = Router();
  const terminalOf = (req: Request) => {
    if (!req.terminal) throw AppError.unauthenticated();
    return req.terminal;
  };
  // Raw bodies for uploads come before the JSON parser so a 10 MB photo is not parsed as JSON;
  // a raw body is no JSON route, so this one stays a plain express route.
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
  const ipOf = (req: Request) => requestIp(req);
  const actorOf = (req: Request) => ({
    type: 'terminal' as const,
    id: terminalOf(req).id,
    ip: ipOf(req),
  });
  const refuseSupplied =
    (action: string): RequestHandler =>
    async (req, _res, next) => {
      await deps.identity.refuseSupplied(terminalOf(req), req.body, action, ipOf(req));
      next();
    };
  // The attested visit, found before the body is parsed and handed to the handler.
  const visits = new WeakMap<Request, KioskVisit>();
  const requireVisit =
    (action: string): RequestHandler =>
    async (req, _res, next) => {
      visits.set(req, await deps.identity.require(terminalOf(req), action, ipOf(req)));
      next();
    };
  const visitOf = (req: Request): KioskVisit => {
    const visit = visits.get(req);
    if (!visit) throw AppError.unauthenticated();
    return visit;
  };
  // A wrong second factor is the attack here: a few tries a minute per terminal.
  const lookupLimit = deps.limits('kiosk-lookup', 10, 60_000);
  // A rating comes only from the visit that filed the case or was served in it: sequential
  // case numbers must not let one terminal rate a whole day's cases.
  const visitHandledCase: RequestHandler = async (req, _res, next) => {
    const kiosk = terminalOf(req);
    const body: unknown = req.body;
    const caseNumber =
      typeof body === 'object' &&
      body !== null &&
      'caseNumber' in body &&
      typeof body.caseNumber === 'string'
        ? body.caseNumber
        : '';
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
    next();
  };

  const api = new RestRouter('/api/kiosk')
    .bind(KioskRoutes.catalogue, () => deps.onething.index())
    .bind(KioskRoutes.bundle, ({ params }) => deps.onething.notice(params.code))
    .bind(KioskRoutes.terminalInfo, async (_r, req) => {
      const view = await deps.terminals.view(terminalOf(req).id);
      return { name: view.name, site: view.site, hotline: deps.hotline };
    })
    .bind(KioskRoutes.alternativeTerminal, async (_r, req) => ({
      alternative: deps.alternativeTo(terminalOf(req).id),
    }))
    // Before anyone identified the form is blank: nothing is looked up without an attestation.
    .bind(
      KioskRoutes.mergeForm,
      async ({ body }, req) => {
        const visit = await deps.identity.visitOf(terminalOf(req));
        return deps.onething.mergeForm(body, visit?.actor ?? null, actorOf(req));
      },
      refuseSupplied('kiosk.form'),
    )
    .bind(
      KioskRoutes.validateForm,
      async ({ body }, req) => {
        const visit = await deps.identity.visitOf(terminalOf(req));
        return deps.onething.validate(body, visit?.actor ?? null, actorOf(req));
      },
      refuseSupplied('kiosk.validate'),
    )
    .bind(
      KioskRoutes.submitCase,
      async ({ body }, req, res) => {
        const kiosk = terminalOf(req);
        const visit = visitOf(req);
        const result = await deps.onething.submit(body, visit.actor, {
          ...actorOf(req),
          terminalId: kiosk.id,
        });
        await deps.identity.linkCase(visit, result.case.caseNumber, 'filed');
        if (result.duplicate) res.status(200);
        return result;
      },
      refuseSupplied('kiosk.case'),
      requireVisit('kiosk.case'),
    )
    .bind(
      KioskRoutes.lookupCase,
      ({ body }, req) =>
        deps.status.lookup(body.caseNumber, body.idLast4, {
          type: 'terminal',
          id: terminalOf(req).id,
          ip: requestIp(req),
        }),
      lookupLimit.middleware((req) => `t:${req.terminal?.id}`),
    )
    // Adding papers to a case needs the applicant in person: the visit's attested identity.
    .bind(
      KioskRoutes.supplyCorrection,
      ({ body }, req) => deps.cases.corrections.supply(body, visitOf(req).actor, actorOf(req)),
      lookupLimit.middleware((req) => `t:${req.terminal?.id}`),
      refuseSupplied('kiosk.correction'),
      requireVisit('kiosk.correction'),
    )
    .bind(
      KioskRoutes.rate,
      async ({ body }, req) => {
        const kiosk = terminalOf(req);
        const served = body.callId
          ? await deps.servedBy(kiosk.id, body.callId)
          : { staffId: null, department: null };
        await deps.ratings.rate(body, served, { type: 'terminal', id: kiosk.id });
        return { ok: true as const };
      },
      visitHandledCase,
    )
    .bind(
      KioskRoutes.instant,
      ({ body }, req) => {
        const visit = visitOf(req);
        return deps.certificates.issue(body, visit.actor, {
          terminalId: terminalOf(req).id,
          visitId: visit.visitId,
          ip: ipOf(req),
        });
      },
      refuseSupplied('kiosk.certificate'),
      requireVisit('kiosk.certificate'),
    );
  r.use(api.router);
  return r;
}

/**
 * Status lookup and rating for anyone holding a receipt (e.g. a phone that scanned its QR
 * code): per address a few requests a minute, per case the StatusLookup's attempt limit.
 */
export function publicRoutes(status: StatusLookup, limits: RateLimits): Router {
  const limit = limits('public-lookup', 10, 60_000);
  const perAddress = limit.middleware((req) => requestIp(req) ?? 'unknown');
  const actor = (req: Request) => ({ type: 'citizen' as const, id: null, ip: requestIp(req) });
  // The answer is checked against the public view: nothing beyond it leaves.
  return new RestRouter('/api/public')
    .bind(
      PublicRoutes.lookupCase,
      ({ body }, req) => status.publicStatus(body.caseNumber, body.idLast4, actor(req)),
      perAddress,
    )
    .bind(
      PublicRoutes.rate,
      async ({ body }, req) => {
        await status.rate(body, actor(req));
        return { ok: true as const };
      },
      perAddress,
    ).router;
}
