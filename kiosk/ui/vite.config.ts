import { defineConfig } from 'vite';
import { handwritingModel } from './scripts/handwriting/vite-plugin.ts';

// JSX needs no plugin: Vite's Oxc transform reads `jsx: react-jsx` + `jsxImportSource: preact`
// from tsconfig.json (checked: the bundle imports preact/jsx-runtime, nothing from react).
export default defineConfig({
  // served by the booth server under /kiosk/
  base: '/kiosk/',
  build: { target: 'es2022' },
  // the handwriting recogniser's model, fetched only when the handwriting pad opens
  plugins: [handwritingModel()],
});
