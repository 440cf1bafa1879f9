import { Router } from 'express';
import { requestIp } from '../accounts/staff-auth.ts';
import type { RateLimits } from '../http/rate-limiter.ts';
import type { CertificateService } from './certificate-service.ts';
import { verifyPage } from './verify-page.ts';

/** `GET /verify/<serial>?d=<digest>`: public, what a certificate's QR code opens. */
export function verifyRoutes(certificates: CertificateService, limits: RateLimits): Router {
  const r = Router();
  // Serials are random, but a flood of guesses is still refused.
  const limit = limits('verify', 30, 60_000);
  r.get(
    '/:serial',
    limit.middleware((req) => requestIp(req) ?? 'unknown'),
    async (req, res) => {
      const serial = String(req.params.serial).slice(0, 64);
      const d = typeof req.query.d === 'string' ? req.query.d.slice(0, 64) : null;
      const summary = await certificates.verify(serial, d);
      res
        .status(summary ? 200 : 404)
        .type('html')
        .set('cache-control', 'no-store')
        .send(verifyPage(serial, summary));
    },
  );
  return r;
}
