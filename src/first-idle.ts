/**
 * The first screen's parts that can wait until the page is idle: the header's search box and
 * share tools, the map's presentation, export and area buttons, the colophon only print shows,
 * and MapFocus, which flies to what the search or the address's `?community=` picks. None is used in the page's first moments, so they are one chunk of their own, loaded
 * by `idleParts` (idle-parts.ts) once the map and data have had their turn, instead of part of
 * the first load. Each renders where it always did, a moment after the rest.
 */
export { default as AreaTool } from './area/AreaTool.svelte';
export { default as MapTools } from './present/MapTools.svelte';
export { default as MapFocus } from './search/MapFocus.svelte';
export { default as SearchBox } from './search/SearchBox.svelte';
export { default as PrintColophon } from './share/PrintColophon.svelte';
export { default as ShareTools } from './share/ShareTools.svelte';
