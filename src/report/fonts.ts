import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Font files for the PNG renderer. resvg draws only the glyphs of the fonts it is given, so the
 * renderer is handed the Noto CJK files explicitly (Debian's fonts-noto-cjk), which cover Latin
 * and Chinese alike. `ECOSIM_CJK_FONT` (one path, or several separated by ':') overrides the
 * search; an empty value means "no CJK font" (tests use it to show what is missing without).
 */
export const CJK_FAMILY = "Noto Sans CJK SC";

const KNOWN = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
];
const FONT_ROOTS = ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts"];
const CJK_NAME = /^NotoSans(CJK|SC|CJKsc)[-\w]*\.(ttc|otf|ttf)$/i;

export interface FontSetup {
  /** CJK font files found (empty when none is installed). */
  cjkFiles: string[];
}

let cached: FontSetup | undefined;

export function findFonts(env: NodeJS.ProcessEnv = process.env): FontSetup {
  if (env.ECOSIM_CJK_FONT !== undefined) {
    return { cjkFiles: env.ECOSIM_CJK_FONT.split(":").filter((p) => p && existsSync(p)) };
  }
  if (cached) return cached;
  let files = KNOWN.filter((p) => existsSync(p));
  if (files.length === 0) files = FONT_ROOTS.flatMap((root) => findFiles(root, 4)).slice(0, 4);
  cached = { cjkFiles: files };
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
