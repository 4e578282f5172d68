/**
 * SVG to PNG with resvg (WebAssembly: no native build, no install script), with fonts found on
 * the build machine. resvg in WebAssembly cannot read the system's fonts itself, so the files are
 * looked up here and handed over as bytes. A machine without a CJK font still gets an image:
 * the Chinese text is then missing, and the caller is told so, in a warning (never an error:
 * a link preview is no reason to fail a deployment).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

/** Folders searched for fonts, in this order: Linux, macOS, Windows. */
export const DEFAULT_FONT_DIRS: readonly string[] = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  join(homedir(), '.local/share/fonts'),
  join(homedir(), '.fonts'),
  '/System/Library/Fonts',
  '/Library/Fonts',
  'C:\\Windows\\Fonts',
];

/** CJK sans-serif fonts by preference: file name pattern → the family name they register. */
const CJK_FONTS: readonly { pattern: RegExp; family: string }[] = [
  { pattern: /^NotoSansCJK(sc)?-(Regular|Bold)\.(ttc|otf)$/i, family: 'Noto Sans CJK SC' },
  { pattern: /^NotoSansSC(-(Regular|Bold)|\[wght\])\.(otf|ttf)$/i, family: 'Noto Sans SC' },
  { pattern: /^SourceHanSans(SC|CN)?-(Regular|Bold)\.(otf|ttc)$/i, family: 'Source Han Sans SC' },
  { pattern: /^msyh(bd)?\.tt[cf]$/i, family: 'Microsoft YaHei' },
  { pattern: /^PingFang\.ttc$/i, family: 'PingFang SC' },
  { pattern: /^wqy-zenhei\.ttc$/i, family: 'WenQuanYi Zen Hei' },
  { pattern: /^wqy-microhei\.ttc$/i, family: 'WenQuanYi Micro Hei' },
  { pattern: /^DroidSansFallback(Full)?\.ttf$/i, family: 'Droid Sans Fallback' },
];
/** Latin fallback when no CJK font exists, so at least the figures are written. */
const LATIN_FONTS: readonly { pattern: RegExp; family: string }[] = [
  { pattern: /^DejaVuSans(-Bold)?\.ttf$/i, family: 'DejaVu Sans' },
  { pattern: /^LiberationSans-(Regular|Bold)\.ttf$/i, family: 'Liberation Sans' },
  { pattern: /^(arial|arialbd)\.ttf$/i, family: 'Arial' },
];

/** The fonts chosen for the image. */
export interface FontChoice {
  /** Files of one family (its regular and bold faces). */
  files: string[];
  /** The family to name first in the SVG; null when no usable font was found. */
  family: string | null;
  /** True when the family writes Chinese. */
  cjk: boolean;
}

/** Font files under `dirs` (three levels deep at most, as font folders are laid out). */
function fontFiles(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) {
        if (depth < 3) walk(path, depth + 1);
      } else if (/\.(ttf|otf|ttc)$/i.test(name)) out.push(path);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir, 0);
  return out;
}

/**
 * Picks the first family of the preference lists that `files` (or the files under `dirs`) hold,
 * CJK families first, and returns all of that family's files.
 */
export function chooseFonts(files: readonly string[]): FontChoice {
  const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
  for (const [list, cjk] of [
    [CJK_FONTS, true],
    [LATIN_FONTS, false],
  ] as const) {
    for (const { pattern, family } of list) {
      const found = files.filter((f) => pattern.test(baseName(f)));
      if (found.length) return { files: found, family, cjk };
    }
  }
  return { files: [], family: null, cjk: false };
}

/** The fonts for the image from the machine's font folders. */
export function findFonts(dirs: readonly string[] = DEFAULT_FONT_DIRS): FontChoice {
  return chooseFonts(fontFiles(dirs));
}

let wasmReady: Promise<void> | null = null;

/** Loads resvg's WebAssembly once per process (a second `initWasm` throws). */
function initResvg(): Promise<void> {
  const require = createRequire(import.meta.url);
  wasmReady ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return wasmReady;
}

/** Renders `svg` at its own size to PNG bytes with the fonts `fonts` chose. */
export async function renderPng(svg: string, fonts: FontChoice): Promise<Uint8Array> {
  await initResvg();
  const fontBuffers = fonts.files.map((f) => new Uint8Array(readFileSync(f)));
  const family = fonts.family ?? 'sans-serif';
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { fontBuffers, defaultFontFamily: family, sansSerifFamily: family },
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
