/** The pinyin dictionary text, made at build time by scripts/pinyin-dictionary.ts (vite.config.ts). */
declare module 'virtual:pinyin-dictionary' {
  const data: string;
  export default data;
}
