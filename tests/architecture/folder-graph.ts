/**
 * The folder graph of the site: which folder of `src/` imports which, read from the import
 * statements of its `.ts` and `.svelte` files. A folder is a file's directory relative to `src/`
 * (`map` and `map/layers` are two folders), the root files (`main.ts`, `App.svelte`) are `.`.
 * Pure apart from reading the files, so the architecture tests can name the imports behind a cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One relative import between two folders, with the file that writes it. */
export interface FolderImport {
  from: string;
  to: string;
  /** The importing file, relative to the source root. */
  file: string;
  /** The specifier as written. */
  specifier: string;
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`; type-only imports
// count too, since they tie the folders together just the same.
const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\1/g;

/** Every `.ts` and `.svelte` file under `dir`, as absolute paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

/** The folder of a path relative to `root`, with `/` separators; `.` for the root itself. */
function folderOf(root: string, path: string): string {
  const folder = relative(root, dirname(path)).split(sep).join('/');
  return folder === '' ? '.' : folder;
}

/**
 * Whether one folder lies inside the other. A subfolder is part of its parent's module
 * (`domain/parse` reads `domain`'s vocabularies and `domain` re-uses its parsers), so imports
 * between them are not a dependency between two folders.
 */
function nested(a: string, b: string): boolean {
  return a === '.' || b === '.' ? false : a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** The relative specifiers a source text imports. */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(IMPORT_PATTERN)].map((match) => match[2]!);
}

/**
 * The imports under `root` that cross from one folder into another inside `root`, leaving out
 * those between a folder and its own subfolder.
 */
export function folderImports(root: string): FolderImport[] {
  const imports: FolderImport[] = [];
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (relative(root, target).startsWith('..')) continue;
      const to = folderOf(root, target);
      if (to !== from && !nested(from, to)) {
        imports.push({ from, to, file: relative(root, file).split(sep).join('/'), specifier });
      }
    }
  }
  return imports;
}

/**
 * The folder cycles: each strongly connected group of two or more folders (Tarjan's algorithm),
 * as sorted folder names, sorted by their first folder.
 */
export function folderCycles(imports: readonly FolderImport[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    if (!edges.has(from)) edges.set(from, new Set());
    if (!edges.has(to)) edges.set(to, new Set());
    edges.get(from)!.add(to);
  }
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, index.get(next)!));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
