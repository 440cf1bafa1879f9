import {
  CaseLookupRequest,
  PublicCaseStatus,
  PublicRatingRequest,
} from '@onething/shared/api/kiosk';
import { AppError } from '@onething/shared/errors';
import { parseOrThrow } from '@onething/shared/validation';
import express, { type Request, Router } from 'express';
import { z } from 'zod';
import { requestIp } from '../accounts/staff-auth.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import type { ElectronicIdVerifier } from '../identity/electronic-id.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import { requireKiosk } from '../terminals/terminal-auth.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import { MAX_UPLOAD_BYTES, type UploadStore } from '../uploads/upload-store.ts';
import type { OneThingService } from './onething-service.ts';
import type { StatusLookup } from './status-lookup.ts';

/** The citizen-facing API a terminal's kiosk UI uses (kiosk session token required). */
export function kioskRoutes(deps: {
  terminals: TerminalRegistry;
  onething: OneThingService;
  uploads: UploadStore;
  ratings: RatingService;
  electronicId: ElectronicIdVerifier;
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
  r.post('/forms', async (req, res) => {
    res.json(await deps.onething.mergeForm(req.body));
  });
  r.post('/forms/validate', async (req, res) => {
    res.json(await deps.onething.validate(req.body));
  });
  r.post('/cases', async (req, res) => {
    const terminal = terminalOf(req);
    const result = await deps.onething.submit(req.body, {
      type: 'terminal',
      id: terminal.id,
      ip: requestIp(req),
      terminalId: terminal.id,
    });
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
  r.post('/ratings', async (req, res) => {
    const terminal = terminalOf(req);
    const callId = typeof req.body?.callId === 'string' ? req.body.callId : null;
    const served = callId
      ? await deps.servedBy(terminal.id, callId)
      : { staffId: null, department: null };
    await deps.ratings.rate(req.body, served, { type: 'terminal', id: terminal.id });
    res.status(201).json({ ok: true });
  });
  r.post('/instant', (req, res) => {
    res.json(deps.onething.instant(req.body));
  });
  r.post('/identity/electronic', async (req, res) => {
    const { code } = parseOrThrow(z.object({ code: z.string().min(1).max(500) }), req.body);
    res.json({ card: await deps.electronicId.verify(code) });
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
