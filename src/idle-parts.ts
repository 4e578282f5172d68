/**
 * The loader of first-idle.ts's parts, shared by the components that show them (App.svelte,
 * AppHeader.svelte): `idleParts.current` is null until they are in. App starts the load once
 * the page is idle; anything may ask for it earlier with `load()` (one import either way).
 * Their text is in the other views' chunk (src/i18n/messages-zh-views.ts), which the page asks
 * for at start: they wait for it too, so none shows an empty label.
 */
import { i18n } from './i18n/i18n.svelte';
import { loadMessages } from './i18n/messages';
import { LazyComponent } from './lib/lazy-component.svelte';

/** The first-idle parts, as one lazily loaded set, once the current language's text is in. */
export const idleParts = new LazyComponent(() =>
  Promise.all([import('./first-idle'), loadMessages(i18n.lang)]).then(([parts]) => ({ default: parts })),
);
