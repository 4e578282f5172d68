/**
 * The built site's code size: every JS and CSS file of dist/ with its gzip -9 size, marked
 * initial when the page loads it before it is usable (initial-js.ts), and a printable table.
 * Shared by the budget test (tests/build/initial-js.test.ts) and `npm run bench:site`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listFiles } from '../pipeline/output/output-files';
import { initialFiles, type ViteManifest } from './initial-js';

/** Where `build.manifest: true` (vite.config.ts) writes the manifest, relative to dist/. */
export const MANIFEST_PATH = '.vite/manifest.json';

/** One code file of the build. */
export interface CodeFile {
  /** Relative to dist/. */
  path: string;
  raw: number;
  /** Bytes after gzip -9. */
  gzip: number;
  /** Loaded before the page is usable (entry, static imports, the map's worker; their CSS). */
  initial: boolean;
}

/** The build's code, largest gzip first, and the initial load's totals. */
export interface CodeSize {
  files: CodeFile[];
  /** Gzip -9 bytes of the initial JS (the budgeted figure). */
  initialJs: number;
  /** Gzip -9 bytes of the initial CSS. */
  initialCss: number;
  /** Gzip -9 bytes of all JS and CSS. */
  all: number;
}

/** Reads dist/'s manifest and code files and sizes them. */
export async function readCodeSize(dist: string): Promise<CodeSize> {
  const manifestText = await readFile(join(dist, MANIFEST_PATH), 'utf8').catch(() => {
    throw new Error(`${join(dist, MANIFEST_PATH)} is missing: build with build.manifest (vite.config.ts)`);
  });
  const initial = initialFiles(JSON.parse(manifestText) as ViteManifest);
  const first = new Set([...initial.js, ...initial.css]);
  const files: CodeFile[] = [];
  for (const path of await listFiles(dist)) {
    // Site code only: dist/ also carries serve.mjs, a Node script for serving the folder.
    if (!path.startsWith('assets/') || !/\.(m?js|css)$/.test(path)) continue;
    const bytes = await readFile(join(dist, path));
    files.push({
      path,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      initial: first.has(path),
    });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const sum = (list: CodeFile[]) => list.reduce((s, f) => s + f.gzip, 0);
  const isCss = (f: CodeFile) => f.path.endsWith('.css');
  return {
    files,
    initialJs: sum(files.filter((f) => f.initial && !isCss(f))),
    initialCss: sum(files.filter((f) => f.initial && isCss(f))),
    all: sum(files),
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The table `readCodeSize` measured: one line a file, then the totals. */
export function formatCodeSize(size: CodeSize): string {
  return [
    `  ${'file'.padEnd(54)} ${'raw'.padStart(11)} ${'gzip -9'.padStart(11)}`,
    ...size.files.map(
      (f) =>
        `  ${f.path.padEnd(54)} ${kib(f.raw).padStart(11)} ${kib(f.gzip).padStart(11)}  ${f.initial ? 'initial' : 'lazy'}`,
    ),
    `  initial JS (entry, its static imports, map worker): ${kib(size.initialJs)} (${size.initialJs} B) gzip`,
    `  initial CSS: ${kib(size.initialCss)} gzip; all code: ${kib(size.all)} gzip`,
  ].join('\n');
}
