/**
 * Offline handwriting input for the kiosk: a pad for one Chinese character and a recogniser over
 * the 3,500 characters of 通用规范汉字表 level 1 (README: Handwriting input).
 */
export { HandwritingPanel, type HandwritingPanelProps } from './HandwritingPanel.tsx';
export { fetchRecognizer, loadRecognizer, recognize } from './recognizer.ts';
export type { Candidate, Point, Stroke } from './stroke.ts';
