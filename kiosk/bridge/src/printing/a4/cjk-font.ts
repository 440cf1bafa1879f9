import { existsSync } from 'node:fs';

/** A font file and, for collections (.ttc), the PostScript name of the face to use. */
export interface FontFace {
  path: string;
  postscriptName?: string;
}

export interface CjkFont {
  regular: FontFace;
  /** Falls back to the regular face when the family has no bold file installed. */
  bold: FontFace;
}

interface Candidate {
  regular: Required<FontFace>;
  bold?: Required<FontFace>;
}

/** Debian's fonts-noto-cjk first (Simplified Chinese faces), then fonts-wqy-*. */
export const CJK_FONT_CANDIDATES: readonly Candidate[] = [
  {
    regular: {
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKsc-Regular',
    },
    bold: {
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
      postscriptName: 'NotoSansCJKsc-Bold',
    },
  },
  {
    regular: {
      path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
      postscriptName: 'NotoSerifCJKsc-Regular',
    },
    bold: {
      path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
      postscriptName: 'NotoSerifCJKsc-Bold',
    },
  },
  {
    regular: {
      path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
      postscriptName: 'WenQuanYiMicroHei',
    },
  },
  {
    regular: {
      path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
      postscriptName: 'WenQuanYiZenHei',
    },
  },
];

/**
 * The CJK font to render Chinese PDFs with, or null when none is installed. KIOSK_CJK_FONT
 * ("/path/font.ttc#PostScriptName", the name only needed for collections) overrides the search.
 */
export function findCjkFont(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly Candidate[] = CJK_FONT_CANDIDATES,
  exists: (path: string) => boolean = existsSync,
): CjkFont | null {
  const override = env.KIOSK_CJK_FONT;
  if (override) {
    const [path = '', postscriptName] = override.split('#');
    if (!exists(path)) return null;
    const face: FontFace = postscriptName ? { path, postscriptName } : { path };
    return { regular: face, bold: face };
  }
  for (const candidate of candidates) {
    if (!exists(candidate.regular.path)) continue;
    const bold = candidate.bold && exists(candidate.bold.path) ? candidate.bold : candidate.regular;
    return { regular: candidate.regular, bold };
  }
  return null;
}
