/**
 * The loader of first-idle.ts's parts, shared by the components that show them (App.svelte,
 * AppHeader.svelte): `idleParts.current` is null until they are in. App starts the load once
 * the page is idle; anything may ask for it earlier with `load()` (one import either way).
 */
import { LazyComponent } from './lib/lazy-component.svelte';

/** The first-idle parts, as one lazily loaded set. */
export const idleParts = new LazyComponent(() =>
  import('./first-idle').then((parts) => ({ default: parts })),
);
