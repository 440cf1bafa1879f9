import { z } from 'zod';
import { defineRoute } from '../wire/rest-route.ts';
import {
  Accepted,
  BundleNotice,
  CaseLookupRequest,
  CaseView,
  CatalogueIndex,
  InstantCertificateRequest,
  InstantCertificateResponse,
  MergedFormView,
  MergeFormRequest,
  PublicCaseStatus,
  PublicRatingRequest,
  RatingRequest,
  SubmitCaseRequest,
  SubmitCaseResponse,
  UploadResponse,
  ValidateFormRequest,
  ValidateFormResponse,
} from './kiosk.ts';
import { SupplyCorrectionRequest } from './workbench.ts';
import { TerminalAlternative } from '../sockets/fleet.ts';

/** The citizen's kiosk API (kiosk session token), bound under /api/kiosk. */
export const KioskRoutes = {
  catalogue: defineRoute({ method: 'GET', path: '/api/kiosk/catalogue', response: CatalogueIndex }),
  bundle: defineRoute({
    method: 'GET',
    path: '/api/kiosk/bundles/:code',
    params: z.object({ code: z.string() }),
    response: BundleNotice,
  }),
  mergeForm: defineRoute({
    method: 'POST',
    path: '/api/kiosk/forms',
    body: MergeFormRequest,
    response: MergedFormView,
  }),
  validateForm: defineRoute({
    method: 'POST',
    path: '/api/kiosk/forms/validate',
    body: ValidateFormRequest,
    response: ValidateFormResponse,
  }),
  /**
   * The image or PDF itself, typed by its media type: the server reads it raw (a plain express
   * route before the JSON parser), the client sends a Blob.
   */
  upload: defineRoute({
    method: 'POST',
    path: '/api/kiosk/uploads',
    body: z.instanceof(Blob),
    response: UploadResponse,
    status: 201,
  }),
  /** 201 when filed, 200 when the idempotency key names a case already filed. */
  submitCase: defineRoute({
    method: 'POST',
    path: '/api/kiosk/cases',
    body: SubmitCaseRequest,
    response: SubmitCaseResponse,
    status: 201,
  }),
  lookupCase: defineRoute({
    method: 'POST',
    path: '/api/kiosk/cases/lookup',
    body: CaseLookupRequest,
    response: CaseView,
  }),
  /** The applicant supplies a 补正 request's materials (attested identity + case number + last four). */
  supplyCorrection: defineRoute({
    method: 'POST',
    path: '/api/kiosk/cases/supply',
    body: SupplyCorrectionRequest,
    response: CaseView,
  }),
  rate: defineRoute({
    method: 'POST',
    path: '/api/kiosk/ratings',
    body: RatingRequest,
    response: Accepted,
    status: 201,
  }),
  /** Where this terminal stands and the hotline, for the attract screen. */
  terminalInfo: defineRoute({
    method: 'GET',
    path: '/api/kiosk/terminal',
    response: z.object({ name: z.string(), site: z.string(), hotline: z.string() }),
  }),
  /** The nearest terminal in service with paper (same site first), for when this one has none. */
  alternativeTerminal: defineRoute({
    method: 'GET',
    path: '/api/kiosk/alternative-terminal',
    response: z.object({ alternative: TerminalAlternative.nullable() }),
  }),
  instant: defineRoute({
    method: 'POST',
    path: '/api/kiosk/instant',
    body: InstantCertificateRequest,
    response: InstantCertificateResponse,
  }),
};

/** Status and rating for anyone holding a receipt (the public status page), under /api/public. */
export const PublicRoutes = {
  lookupCase: defineRoute({
    method: 'POST',
    path: '/api/public/cases/lookup',
    body: CaseLookupRequest,
    response: PublicCaseStatus,
  }),
  rate: defineRoute({
    method: 'POST',
    path: '/api/public/cases/rating',
    body: PublicRatingRequest,
    response: Accepted,
    status: 201,
  }),
};
