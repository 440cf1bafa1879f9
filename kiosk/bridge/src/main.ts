/**
 * The device bridge process (`npm start -w kiosk/bridge`, or systemd's kiosk-bridge.service).
 * Configuration comes from BRIDGE_* environment variables (see config.ts).
 */
import { ConfigError, loadConfig } from './config.ts';
import { CredentialError } from './service/credential-store.ts';
import { KioskBridge } from './service/kiosk-bridge.ts';
import { createBridgeLogger } from './service/logger.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`kiosk-bridge: configuration: ${e.message}\n`);
  process.exit(2);
}

const log = createBridgeLogger(config.logLevel);
let bridge: KioskBridge | null = null;
let stopping: Promise<void> | null = null;

function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    const force = setTimeout(() => process.exit(code || 1), 10_000);
    force.unref();
    try {
      await bridge?.close();
    } catch (e) {
      log.error({ err: e }, 'error while stopping');
    }
    process.exit(code);
  })();
  return stopping;
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));

try {
  bridge = await KioskBridge.start(config, {
    logger: log,
    // systemd (Restart=always) starts a fresh process; exit 0 marks it as asked for.
    onRestart: () => void stop(0),
  });
} catch (e) {
  const message = e instanceof CredentialError || e instanceof Error ? e.message : String(e);
  process.stderr.write(`kiosk-bridge: cannot start: ${message}\n`);
  process.exit(1);
}

// The local token mints kiosk tokens, so it never goes to stdout (the journal): the launcher
// reads it from the 0600 file beside the credential.
process.stdout.write(
  `kiosk-bridge: ${config.hardware} hardware, terminal ${bridge.credential.terminalId}; kiosk UI: ${config.kioskUrl.split('#')[0]} (launch token in ${bridge.localTokenFile}) ; local API: ${bridge.local.url}/local\n`,
);
