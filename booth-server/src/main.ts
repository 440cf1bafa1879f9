import { BoothServer } from './booth-server.ts';
import { CatalogueError } from './catalogue/catalogue-issue.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { DatabaseError } from './db/database.ts';
import { simulatedAdapters } from './health/health-routes.ts';
import { seedDemoAccounts } from './demo/demo-accounts.ts';
import { runDemoFleet, seedDemoFleet } from './demo/demo-fleet.ts';
import { seedDemoTerminals } from './demo/demo-terminals.ts';

/** `tsx booth-server/src/main.ts`: one booth-server process, configured from the environment. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await BoothServer.create(config);
  if (config.ONETHING_MODE === 'production') {
    const demo = await server.accounts.countDemoAccounts();
    if (demo > 0) {
      await server.close();
      throw new ConfigError(
        `refusing to start in production: ${demo} demo account(s) are enabled; disable them or use a fresh database`,
      );
    }
  }
  // Production never seeds (config refuses SEED_DEMO there) and never runs with demo accounts.
  const seed =
    config.ONETHING_MODE !== 'production' && (config.SEED_DEMO ?? config.ONETHING_MODE === 'demo');
  const logins = seed ? await seedDemoAccounts(server.accounts) : [];
  if (seed) {
    await seedDemoTerminals(server.terminals);
    await seedDemoFleet(server.terminals);
  }
  await server.listen();
  if (seed) runDemoFleet(server.fleet);
  const media = server.pool.availability;
  const simulated = simulatedAdapters(server.adapters);
  const lines = [
    '',
    `  booth server   ${server.url}   (database: ${server.database.dialect} ${server.database.location})`,
    `  media          ${media.available ? `available, ${media.workers} worker(s)` : `UNAVAILABLE — ${media.reason}`}`,
    `  adapters       shared data: ${server.adapters.sharedData}, CTID verifier: ${server.adapters.electronicId}, time-stamps: ${server.adapters.timeStamp}, SMS: ${server.adapters.sms}${simulated.length ? `   (SIMULATED: ${simulated.join(', ')})` : ''}`,
    `  health         ${server.url}/healthz`,
  ];
  if (logins.length) {
    lines.push('  demo logins (demo mode only):');
    for (const l of logins)
      lines.push(`    ${l.username.padEnd(14)} ${l.password.padEnd(22)} ${l.roles.join(',')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`booth server: ${signal}, closing\n`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DatabaseError || e instanceof CatalogueError) {
    process.stderr.write(`booth server cannot start: ${e.message}\n`);
  } else {
    process.stderr.write(`booth server cannot start: ${(e as Error).stack ?? String(e)}\n`);
  }
  process.exit(1);
});
