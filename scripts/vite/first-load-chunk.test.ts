import { describe, expect, it } from 'vitest';
import { firstLoadGroup, type ModuleGraph, type ModuleGraphInfo } from './first-load-chunk';

/** A graph from `importer -> [static imports]`; `main` is the entry. */
function graph(imports: Record<string, string[]>): ModuleGraph {
  const info = new Map<string, ModuleGraphInfo>();
  const at = (id: string) => info.get(id) ?? info.set(id, { isEntry: id === 'main', importers: [] }).get(id)!;
  for (const [from, tos] of Object.entries(imports)) {
    at(from);
    for (const to of tos) (at(to).importers as string[]).push(from);
  }
  return { getModuleInfo: (id) => info.get(id) ?? null };
}

describe('firstLoadGroup', () => {
  it('names what the entry reaches by static imports, through cycles, and nothing a lazy view alone imports', () => {
    // main -> app -> (cycle a <-> b); lazy.ts is only dynamically imported, so nothing imports
    // it statically; it and its own import stay out, a module both use goes in.
    const g = graph({ main: ['app'], app: ['a', 'shared'], a: ['b'], b: ['a'], lazy: ['heavy', 'shared'] });
    const name = firstLoadGroup();
    const grouped = ['main', 'app', 'a', 'b', 'shared', 'lazy', 'heavy', 'unknown'].filter((id) =>
      name(id, g),
    );
    expect(grouped).toEqual(['main', 'app', 'a', 'b', 'shared']);
    expect(name('app', g)).toBe('index');
    expect(firstLoadGroup({ name: 'first' })('app', g)).toBe('first');
  });

  it('gives the same answers whatever order the modules are asked in', () => {
    // b is imported only by a, which the entry reaches through c: asking b before a must not
    // remember b as unreachable.
    const g = graph({ main: ['c'], c: ['a'], a: ['b'], b: ['a'], lazy: ['b2'] });
    const ids = ['b', 'a', 'c', 'main', 'b2', 'lazy'];
    const forward = firstLoadGroup();
    const backward = firstLoadGroup();
    const ask = (f: ReturnType<typeof firstLoadGroup>, order: string[]) =>
      Object.fromEntries(order.map((id) => [id, f(id, g)]));
    expect(ask(forward, ids)).toEqual(ask(backward, [...ids].reverse()));
    expect(forward('b', g)).toBe('index');
    expect(forward('b2', g)).toBeNull();
  });
});
