/**
 * `npm run build:node`: compiles the booth server and the device bridge to JavaScript, so that
 * production runs them with plain `node` after `npm ci --omit=dev` (no tsx, no TypeScript).
 *
 * One ES module per program, with the project's own code — the workspace's sources and
 * @onething/contract — bundled in, and every npm package left as an import that Node resolves from
 * node_modules at run time (native addons, pdfkit's font files and mediasoup's worker stay where
 * npm put them). `import.meta.url` keeps meaning "the source file's place in the package", so
 * the paths the code derives from it (catalogue, demo data, status page, web apps, package.json)
 * point to the same files as under tsx.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The compiled programs: entry source → output file (relative to the repository). */
export const PROGRAMS = [
  { entry: 'booth-server/src/main.ts', out: 'booth-server/dist/main.js' },
  // A media node without signalling (docs/architecture.md, "Media nodes").
  { entry: 'booth-server/src/media-node/main.ts', out: 'booth-server/dist/media-node.js' },
  { entry: 'kiosk/bridge/src/main.ts', out: 'kiosk/bridge/dist/main.js' },
  { entry: 'kiosk/bridge/src/cli/main.ts', out: 'kiosk/bridge/dist/cli.js' },
  // Operators' commands (docs/security.md): the audit chain check and the data-key rotation.
  { entry: 'booth-server/scripts/audit-verify.ts', out: 'booth-server/dist/audit-verify.js' },
  { entry: 'booth-server/scripts/data-rekey.ts', out: 'booth-server/dist/data-rekey.js' },
  { entry: 'booth-server/scripts/data-backup.ts', out: 'booth-server/dist/data-backup.js' },
  { entry: 'booth-server/scripts/data-restore.ts', out: 'booth-server/dist/data-restore.js' },
] as const;

/** npm packages stay imports; only the monorepo's own @onething/* code is bundled. */
const packagesExternal: Plugin = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@onething/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Rewrites `import.meta.url` in each bundled source to that source's own URL. */
function sourceLocation(outFile: string): Plugin {
  const outDir = path.dirname(path.join(root, outFile));
  return {
    name: 'source-location',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const rel = path.relative(outDir, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

export async function buildNode(): Promise<void> {
  for (const program of PROGRAMS) {
    const started = Date.now();
    await build({
      absWorkingDir: root,
      entryPoints: [program.entry],
      outfile: program.out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node26',
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      plugins: [packagesExternal, sourceLocation(program.out)],
      banner: { js: `// Compiled from ${program.entry} by scripts/build-node.ts; do not edit.` },
    });
    process.stdout.write(`build:node ${program.out} (${Date.now() - started} ms)\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildNode().catch((e: unknown) => {
    process.stderr.write(`build:node: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
