import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Font files for the PNG renderer. resvg draws only the glyphs of the fonts it is given, so the
 * renderer is handed the Noto CJK files explicitly (Debian's fonts-noto-cjk), which cover Latin
 * and Chinese alike, and a Latin font (Noto Sans or DejaVu Sans) that English charts name first.
 * `ECOSIM_CJK_FONT` (one path, or several separated by ':') overrides the CJK search; an empty
 * value means "no CJK font" (tests use it to show what is missing without).
 */
export const CJK_FAMILY = "Noto Sans CJK SC";

/**
 * Font stacks of charts and report: English names a Latin font first (a CJK font's Latin
 * glyphs and punctuation are set for Chinese text: wide quotes and dashes); Chinese names the CJK
 * font first. Each ends with the other script's font, so a Chinese scenario name in an English
 * chart still has glyphs.
 */
export const LATIN_FONT_STACK = ["Noto Sans", "DejaVu Sans", "Arial", "Helvetica", CJK_FAMILY, "sans-serif"];
export const CJK_FONT_STACK = [CJK_FAMILY, "Noto Sans SC", "Noto Sans", "DejaVu Sans", "Arial", "sans-serif"];

/** The font stack of a language ("zh" or "zh-CN": CJK first; anything else: Latin first). */
export function fontStack(lang: string): string[] {
  return lang.toLowerCase().startsWith("zh") ? CJK_FONT_STACK : LATIN_FONT_STACK;
}

const LATIN_KNOWN = [
  "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
  "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];

const KNOWN = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
];
const FONT_ROOTS = ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts"];
const CJK_NAME = /^NotoSans(CJK|SC|CJKsc)[-\w]*\.(ttc|otf|ttf)$/i;

export interface FontSetup {
  /** CJK font files found (empty when none is installed). */
  cjkFiles: string[];
  /** Latin font files found (Noto Sans, DejaVu Sans; empty when none is). */
  latinFiles?: string[];
}

let cached: FontSetup | undefined;

export function findFonts(env: NodeJS.ProcessEnv = process.env): FontSetup {
  const latinFiles = LATIN_KNOWN.filter((p) => existsSync(p));
  if (env.ECOSIM_CJK_FONT !== undefined) {
    return { cjkFiles: env.ECOSIM_CJK_FONT.split(":").filter((p) => p && existsSync(p)), latinFiles };
  }
  if (cached) return cached;
  let files = KNOWN.filter((p) => existsSync(p));
  if (files.length === 0) files = FONT_ROOTS.flatMap((root) => findFiles(root, 4)).slice(0, 4);
  cached = { cjkFiles: files, latinFiles };
  return cached;
}

function findFiles(dir: string, depth: number): string[] {
  if (depth < 0 || !existsSync(dir)) return [];
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of entries) {
    const p = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      continue;
    }
    if (isDir) out.push(...findFiles(p, depth - 1));
    else if (CJK_NAME.test(name)) out.push(p);
  }
  return out.sort((a, b) => Number(/Bold/i.test(a)) - Number(/Bold/i.test(b)));
}
