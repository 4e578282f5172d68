/**
 * Which built files the site loads before it can be used: read from Vite's build manifest
 * (`build.manifest`, dist/.vite/manifest.json), so the count follows the build's own chunk
 * graph rather than guesses from file names. Pure.
 */

/** One chunk of a Vite build manifest (the fields read here). */
export interface ManifestChunk {
  /** The built file, relative to dist/. */
  file: string;
  /** The source it was built from, when it has one. */
  src?: string;
  isEntry?: boolean;
  /** True for a chunk that is the target of a dynamic `import()`. */
  isDynamicEntry?: boolean;
  /** Manifest keys of the chunks this one imports statically (loaded with it). */
  imports?: string[];
  /** Manifest keys of the chunks this one imports with `import()` (loaded on use). */
  dynamicImports?: string[];
  /** Style sheets loaded with this chunk. */
  css?: string[];
  /** Other files this chunk refers to (workers loaded by URL, among others). */
  assets?: string[];
}

/** A Vite build manifest: chunks by key (the entry's key is its HTML file). */
export type ViteManifest = Record<string, ManifestChunk>;

/** Options of `initialFiles`. */
export interface InitialFilesOptions {
  /** Manifest key of the page. Default: `index.html`. */
  entry?: string;
  /**
   * Assets of the loaded chunks that count as scripts of the first load. Default: every JS
   * asset they refer to, that is the workers first-screen code starts by URL (MapLibre's, which
   * the map starts before it draws anything); a worker of a lazy view (the table's name
   * ranking) is an asset of that view's chunk and is left out with it.
   */
  workers?: RegExp;
}

/** The files of the first load, each list in load order without repeats. */
export interface InitialFiles {
  /** The entry chunk, its static imports (what Vite modulepreloads) and the started workers. */
  js: string[];
  /** Style sheets of those chunks. */
  css: string[];
}

/**
 * The JS and CSS the page loads before it is usable: the entry chunk and, transitively, every
 * chunk it imports statically, plus the workers among their assets.
 * Dynamic imports are left out: they load when their view is first used.
 */
export function initialFiles(manifest: ViteManifest, options: InitialFilesOptions = {}): InitialFiles {
  const entry = options.entry ?? 'index.html';
  const workers = options.workers ?? /\.m?js$/;
  if (!manifest[entry]) throw new Error(`the build manifest has no entry "${entry}"`);
  const js: string[] = [];
  const css = new Set<string>();
  const started = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names chunk "${key}" but does not list it`);
    js.push(chunk.file);
    for (const sheet of chunk.css ?? []) css.add(sheet);
    for (const asset of chunk.assets ?? []) if (workers.test(asset)) started.add(asset);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(entry);
  return { js: [...js, ...[...started].filter((w) => !js.includes(w))], css: [...css] };
}
