/**
 * Terminal behaviour that deployments tune: timeouts and the card-removal policy. The launcher
 * may override some of them in the URL fragment (see readLaunchFragment), which lets e2e tests
 * run with short timeouts without a rebuild.
 */
export type CardRemovalPolicy = 'wipe' | 'warn';

export interface KioskConfig {
  /** Inactivity before the "are you still there?" warning (normal mode). */
  idleMs: number;
  /** Elder mode gets longer: reading and typing take more time. */
  elderIdleMs: number;
  /** How long the warning counts down before the wipe; WCAG 2.2.1 asks for at least 20 s. */
  warningMs: number;
  /** The finish screen wipes by itself after this long. */
  finishAutoWipeMs: number;
  /** What to do when the ID card leaves the reader in the middle of a flow. */
  cardRemoval: CardRemovalPolicy;
  /** Per REST call to the booth server. */
  requestTimeoutMs: number;
  /** Per request to the device bridge. */
  bridgeTimeoutMs: number;
  /** Largest document image accepted by /api/kiosk/uploads. */
  maxUploadBytes: number;
}

export const MIN_WARNING_MS = 20_000;

export const DEFAULT_CONFIG: KioskConfig = {
  idleMs: 90_000,
  elderIdleMs: 180_000,
  warningMs: 30_000,
  finishAutoWipeMs: 30_000,
  cardRemoval: 'warn',
  requestTimeoutMs: 15_000,
  bridgeTimeoutMs: 10_000,
  maxUploadBytes: 10 * 1024 * 1024,
};

/** Applies overrides, keeping the warning at the accessible minimum whatever is asked. */
export function resolveConfig(overrides: Partial<KioskConfig>): KioskConfig {
  const merged = { ...DEFAULT_CONFIG, ...overrides };
  return {
    ...merged,
    warningMs: Math.max(MIN_WARNING_MS, merged.warningMs),
    idleMs: Math.max(5_000, merged.idleMs),
    elderIdleMs: Math.max(5_000, merged.elderIdleMs),
  };
}
