/**
 * A component in a chunk of its own, loaded on first use. Where the page must act on the
 * component as soon as it is shown (move the focus into it, measure it), it awaits `load()`
 * before showing it: the component is then there in the same update, which an `{#await}`
 * block, rendering a microtask later, would not promise.
 */
export class LazyComponent<C> {
  /** The component once loaded; null before (reactive). */
  current = $state.raw<C | null>(null);
  #loading: Promise<C> | null = null;
  readonly #load: () => Promise<{ default: C }>;

  /** `load` is the dynamic import, e.g. `() => import('./Table.svelte')`. */
  constructor(load: () => Promise<{ default: C }>) {
    this.#load = load;
  }

  /** Loads the component (once; later calls share the first) and returns it. */
  load(): Promise<C> {
    this.#loading ??= this.#load().then(
      (m) => (this.current = m.default),
      (e: unknown) => {
        // A failed load may be retried (a file briefly unreachable on a meeting-room share).
        this.#loading = null;
        throw e;
      },
    );
    return this.#loading;
  }
}
