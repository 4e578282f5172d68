/**
 * The camera padding of a slide, measured on screen: the card and the control bar are placed
 * by CSS, so where they cover the map is read from the page each time the camera moves.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { cardPadding, type Padding } from './present-map';

/** Padding that keeps the data clear of `card` and `controls` on `map` (a margin before it exists). */
export function framePadding(
  map: MapLibreMap | null,
  card: HTMLElement | undefined,
  controls: HTMLElement | undefined,
): Padding {
  if (!map) return { top: 48, bottom: 48, left: 48, right: 48 };
  const frame = map.getContainer().getBoundingClientRect();
  const local = (el: HTMLElement | undefined) => {
    const r = el?.getBoundingClientRect();
    return r
      ? {
          left: r.left - frame.left,
          right: r.right - frame.left,
          top: r.top - frame.top,
          bottom: r.bottom - frame.top,
        }
      : null;
  };
  return cardPadding({ width: frame.width, height: frame.height }, local(card), local(controls));
}
