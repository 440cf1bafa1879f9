/** The handwriting pad's words (kiosk/ui/src/input/handwriting/). */
export const hwStrings = {
  'hw.panel': { zh: '手写输入', en: 'Handwriting input' },
  'hw.pad': {
    zh: '手写板：用手指在这里写一个汉字',
    en: 'Handwriting pad: write one Chinese character here with your finger',
  },
  'hw.hint': {
    zh: '写一个字，再点选候选字',
    en: 'Write one character, then tap it among the candidates',
  },
  'hw.undo': { zh: '撤销一笔', en: 'Undo last stroke' },
  'hw.clear': { zh: '清除重写', en: 'Clear' },
  'hw.candidates': { zh: '候选字', en: 'Candidates' },
  'hw.candidate': { zh: '选用“{char}”', en: 'Use {char}' },
  'hw.waiting': { zh: '写好的字会显示在这里', en: 'Characters appear here as you write' },
  'hw.loading': { zh: '正在准备手写识别……', en: 'Getting handwriting recognition ready…' },
  'hw.failed': {
    zh: '手写识别暂时不能使用，请改用拼音或请工作人员帮助。',
    en: 'Handwriting recognition is not available right now. Please use pinyin or ask staff for help.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
