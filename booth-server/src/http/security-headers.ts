import type { NextFunction, Request, Response } from 'express';

/**
 * Browser protections on every response. Scripts only from this origin (no inline script, no
 * eval); styles may be inline (Preact style attributes); media and images may be blob: (the
 * console's video and captured documents); no page may frame ours; no Referer leaves (the
 * status page's URL holds a case number). The kiosk UI also talks to its device bridge on
 * loopback, on a port only its URL fragment knows.
 */
export function securityHeaders(opts: { tls: boolean }) {
  const base = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  const page = [...base, "connect-src 'self'"].join('; ');
  const kiosk = [
    ...base,
    "connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*",
  ].join('; ');
  return (req: Request, res: Response, next: NextFunction) => {
    res.set({
      'Content-Security-Policy': req.path.startsWith('/kiosk') ? kiosk : page,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    if (opts.tls) res.set('Strict-Transport-Security', 'max-age=15552000');
    next();
  };
}
