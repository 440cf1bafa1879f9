import type { Plugin } from 'vite';
import { MODEL_PATH } from '../../src/input/handwriting/recognizer.ts';
import { buildModel, licenceText } from './model.ts';

/**
 * Puts the handwriting model into the kiosk build as a static asset (and serves it from the dev
 * server), built from node_modules each time so no generated blob lives in git. The stroke
 * data's licence (Arphic Public License) travels beside it, as the licence requires.
 */
export function handwritingModel(): Plugin {
  let model: Uint8Array | null = null;
  const get = () => (model ??= buildModel());
  return {
    name: 'onething-handwriting-model',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.split('?')[0]?.endsWith(`/${MODEL_PATH}`)) return next();
        res.setHeader('content-type', 'application/octet-stream');
        res.end(get());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: MODEL_PATH, source: get() });
      this.emitFile({
        type: 'asset',
        fileName: MODEL_PATH.replace(/model\.bin$/, 'ARPHICPL.TXT'),
        source: licenceText(),
      });
    },
  };
}
