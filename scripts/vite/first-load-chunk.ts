/**
 * One chunk for everything the page loads before it is usable. Left to itself the bundler cuts
 * the first load into eight files: the entry and the modules it shares with lazy views
 * (Svelte's runtime, the interface text, the vocabulary, the colour scales…), each a chunk of
 * its own so that a lazy view could import it alone. But the entry loads every one of them at
 * start anyway: as separate files they only cost requests and, compressed one by one, about
 * 2 KiB more gzip. This groups every module the entry reaches by static imports into the
 * entry's chunk; lazy chunks import what they share from it, which is loaded by then.
 */

/** What the grouping reads of a module (Rolldown's ModuleInfo). */
export interface ModuleGraphInfo {
  isEntry: boolean;
  /** Modules importing this one statically. */
  importers: readonly string[];
}

/** Options of `firstLoadGroup`. */
export interface FirstLoadGroupOptions {
  /** Name of the chunk (its file `assets/<name>-<hash>.js`). Default: `index`, Vite's entry chunk name. */
  name?: string;
}

/** The module graph as the chunking sees it (Rolldown's ChunkingContext). */
export interface ModuleGraph {
  getModuleInfo(id: string): ModuleGraphInfo | null;
}

/**
 * A Rolldown `codeSplitting` group name function: the chunk name for a module the entry
 * reaches through static imports only, null for the rest (left to the automatic chunking).
 * Dynamic imports stop the walk: what they load stays lazy. A worker is a build of its own and
 * never passes through here. Each module's importers are searched up to an entry once; a module
 * found to be reached answers for the others that meet it on their way.
 */
export function firstLoadGroup(
  options: FirstLoadGroupOptions = {},
): (id: string, graph: ModuleGraph) => string | null {
  const name = options.name ?? 'index';
  const reached = new Set<string>();
  const reachable = (id: string, graph: ModuleGraph): boolean => {
    // Breadth first over importers, each module once: import cycles are common (Svelte components).
    const seen = new Set([id]);
    const queue = [id];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const info = graph.getModuleInfo(next);
      if (!info) continue;
      if (info.isEntry || reached.has(next)) {
        reached.add(id);
        return true;
      }
      for (const importer of info.importers)
        if (!seen.has(importer)) {
          seen.add(importer);
          queue.push(importer);
        }
    }
    return false;
  };
  return (id, graph) => (reachable(id, graph) ? name : null);
}
