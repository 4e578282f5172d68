import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderImports, importSpecifiers, type FolderImport } from './folder-graph';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/**
 * Cycles that are known and being removed, each as its exact set of folders: a new import that
 * joins one of them to a third folder, or any other cycle, still fails.
 */
/** Folder cycles accepted for now, each with its reason; none today. */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

const sameFolders = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((folder, k) => folder === [...b].sort()[k]);

/**
 * A cycle with the imports inside it, one line per pair of folders naming the files, for the
 * failure message; a known cycle that a new import has joined is named as such.
 */
function describeCycle(cycle: readonly string[], imports: readonly FolderImport[]): string {
  const byPair = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!cycle.includes(i.from) || !cycle.includes(i.to)) continue;
    const pair = `${i.from} → ${i.to}`;
    byPair.set(pair, (byPair.get(pair) ?? new Set()).add(i.file));
  }
  const joined = KNOWN_CYCLES.filter((known) => known.every((folder) => cycle.includes(folder)));
  const note = joined.length ? ` (joins the known ${joined.map((k) => k.join(' ↔ ')).join(', ')})` : '';
  const lines = [...byPair].map(([pair, files]) => `    ${pair}: ${[...files].join(', ')}`);
  return [`  ${cycle.join(' ↔ ')}${note}`, ...lines].join('\n');
}

describe('folder cycles in src/', () => {
  it('finds none beyond the known ones', () => {
    const imports = folderImports(SRC);
    const unexpected = folderCycles(imports).filter(
      (cycle) => !KNOWN_CYCLES.some((known) => sameFolders(known, cycle)),
    );
    const message = `folders that import each other:\n${unexpected.map((c) => describeCycle(c, imports)).join('\n')}`;
    expect(unexpected, message).toEqual([]);
  });
});

describe('the folder graph', () => {
  it('reads every kind of relative import', () => {
    const text = `
      import a from './a';
      import type { B } from "../b/b";
      export { c } from './c/c';
      import './d.css';
      const e = await import('../e');
      import f from 'svelte';
    `;
    expect(importSpecifiers(text)).toEqual(['./a', '../b/b', './c/c', './d.css', '../e']);
  });

  it('reports a cycle as its group of folders', () => {
    const edge = (from: string, to: string): FolderImport => ({
      from,
      to,
      file: `${from}/x.ts`,
      specifier: '',
    });
    expect(folderCycles([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd')])).toEqual([
      ['a', 'b', 'c'],
    ]);
    expect(folderCycles([edge('a', 'b'), edge('b', 'c')])).toEqual([]);
  });
});
