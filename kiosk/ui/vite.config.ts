import { defineConfig, type Plugin } from 'vite';
import { administrativeDivisions } from './scripts/divisions.ts';
import { handwritingModel } from './scripts/handwriting/vite-plugin.ts';
import { buildPinyinDictionary } from './scripts/pinyin-dictionary.ts';

const DICTIONARY = 'virtual:pinyin-dictionary';

/**
 * The on-screen keyboard's pinyin dictionary, made from packages in node_modules when the
 * kiosk is built (nothing generated is committed); a module of its own, so it is a chunk of its
 * own that the keyboard fetches after the first paint.
 */
function pinyinDictionary(): Plugin {
  return {
    name: 'pinyin-dictionary',
    resolveId: (id) => (id === DICTIONARY ? `\0${DICTIONARY}` : null),
    load: (id) =>
      id === `\0${DICTIONARY}`
        ? `export default ${JSON.stringify(buildPinyinDictionary())};`
        : null,
  };
}

// JSX needs no plugin: Vite's Oxc transform reads `jsx: react-jsx` + `jsxImportSource: preact`
// from tsconfig.json (checked: the bundle imports preact/jsx-runtime, nothing from react).
export default defineConfig({
  // served by the booth server under /kiosk/
  base: '/kiosk/',
  build: { target: 'es2022' },
  // the pinyin dictionary, the handwriting recogniser's model fetched only when its pad opens,
  // and the administrative divisions the address picker fetches in pieces
  plugins: [pinyinDictionary(), handwritingModel(), administrativeDivisions()],
  resolve: {
    // the package's main file is a UMD build with core-js polyfills (~100 KB more); the kiosk's
    // Chromium needs none of them
    alias: [
      { find: /^simple-keyboard$/, replacement: 'simple-keyboard/build/index.modern.esm.js' },
    ],
  },
});
