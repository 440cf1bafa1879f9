/** Taking a photo of a document: busy while the picture is taken, then look, retake or use it. */
export const cameraStrings = {
  'camera.capturing': {
    zh: '正在拍照，请保持材料不动…',
    en: 'Taking the photo, please keep the document still…',
  },
  'camera.reviewTitle': { zh: '请看一下照片是否清楚', en: 'Check that the photo is clear' },
  'camera.reviewHint': {
    zh: '文字能看清、四角都在照片里，就按“使用这张照片”；否则按“重拍”。',
    en: 'If the text is readable and all four corners are in the picture, press "Use this photo"; otherwise press "Retake".',
  },
  'camera.previewAlt': { zh: '刚拍的照片：{name}', en: 'The photo just taken: {name}' },
  'camera.retake': { zh: '重拍', en: 'Retake' },
  'camera.use': { zh: '使用这张照片', en: 'Use this photo' },
} as const;
