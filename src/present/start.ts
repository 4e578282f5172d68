/**
 * Starts presentation mode in `target`. Leaving it unmounts it, rewrites the address to the
 * normal view's (the chapter's layer and filters, the camera in the hash) and mounts the normal
 * view in place, which reads that address as it would on a fresh load: no reload, same camera.
 */
import { mount, unmount } from 'svelte';
import { replaceSearch } from '../lib/address';
import PresentApp from './PresentApp.svelte';

/** Mounts presentation mode; `showNormalView` mounts the normal view after it leaves. */
export function startPresentation(target: HTMLElement, showNormalView: () => void): void {
  const app = mount(PresentApp, {
    target,
    props: {
      onexit: (search: string, hash: string) => {
        void unmount(app).then(() => {
          replaceSearch(search, hash);
          showNormalView();
        });
      },
    },
  });
}
