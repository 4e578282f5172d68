/**
 * The address of the current view as reactive state, for the "copy link" and embed features.
 * MapLibre keeps the map position in the hash with `history.replaceState`, which fires no event,
 * so the map's `moveend` (through `MapView.svelte`) and the features' own actions call
 * `refresh()`; `hashchange` and `popstate` are caught here.
 */

class ViewHref {
  /** `location.href` as last read. */
  href = $state(typeof location === 'undefined' ? '' : location.href);

  constructor() {
    if (typeof window === 'undefined') return;
    const refresh = () => this.refresh();
    window.addEventListener('hashchange', refresh);
    window.addEventListener('popstate', refresh);
  }

  /** Reads the address again. */
  refresh(): void {
    if (typeof location !== 'undefined' && location.href !== this.href) this.href = location.href;
  }
}

/** The page's current address. */
export const viewHref = new ViewHref();
