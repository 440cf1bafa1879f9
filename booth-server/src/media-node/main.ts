import { ConfigError, loadConfig } from '../config/config.ts';
import { MediaNodeProcess } from './media-node-process.ts';

/** `tsx booth-server/src/media-node/main.ts`: a media node of its own (MEDIA_NODES=registry). */
async function main(): Promise<void> {
  const node = await MediaNodeProcess.create(loadConfig());
  await node.listen();
  const media = node.media.pool.availability;
  process.stdout.write(
    `\n  media node     ${node.media.nodeId}   region ${node.config.MEDIA_NODE_REGION || '(any)'}   control ${node.config.MEDIA_NODE_CONTROL_URL ?? node.url}\n` +
      `  media          ${media.available ? `available, ${media.workers} worker(s)` : `UNAVAILABLE — ${media.reason}`}\n\n`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`media node: ${signal}, closing\n`);
    await node.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(
    `media node: ${e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e))}\n`,
  );
  process.exit(1);
});
