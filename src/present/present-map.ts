/**
 * What presentation mode does to the map: the camera of a chapter, the playback month as a
 * community filter, and a style for a room: larger names, a plain ground at city scale, and the
 * dark theme. Only presentation mode's own map is changed; the layers' definitions are not.
 */
import type { ExpressionSpecification, FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { IS_SYNTHETIC } from '../style/scales';
import { BASEMAP_COLORS } from '../map/basemap-style';
import {
  COMMUNITY_LAYER_IDS,
  eventMonthExpression,
  labelTextField,
  NAME_LABEL,
} from '../map/layers/community-style';
import type { PresentTheme } from './present-params';
import { COMPLETION_DATE_FIELD } from '../domain/completions';
import type { StoryCamera } from '../contracts/story';

/** MapLibre filter: the community's completion month (`eventMonth`) is `month` or earlier. */
export function completedByFilter(month: string): FilterSpecification {
  // `all` stops at the first false, so a community without the date never reaches the comparison.
  return ['all', ['has', COMPLETION_DATE_FIELD], ['<=', eventMonthExpression(COMPLETION_DATE_FIELD), month]];
}

/** Basemap colours of the dark theme: deep blue-grey, so the stage colours keep their contrast. */
export const DARK_BASEMAP = {
  sea: '#0b1620',
  land: '#1c2833',
  border: '#5f7282',
} as const;

/**
 * Zooms over which the sea fades into the land colour. The offline coastline (Natural Earth,
 * 1:110 million) is kilometres off at city scale, where it would put communities in the sea;
 * in front of an audience a plain ground reads better than a wrong coast.
 */
export const COAST_FADE_ZOOMS = [7, 8.5] as const;

/** Size of community and city names on a projector (the normal view's are 12 px). */
export const PRESENT_LABEL_SIZE = 18;

const LABEL_COLORS = {
  light: { color: '#1d2226', halo: '#ffffff' },
  dark: { color: '#e9eef2', halo: '#0b1620' },
} as const;

type PaintName = Parameters<MapLibreMap['setPaintProperty']>[1];
type LayoutName = Parameters<MapLibreMap['setLayoutProperty']>[1];

/**
 * Names on the map for a room: cities when zoomed out, and at street level only the communities
 * a ledger names (illustrative ones are numbered placeholders that would bury the real names).
 */
export function presentLabelField(): ExpressionSpecification {
  return labelTextField(['case', IS_SYNTHETIC, '', NAME_LABEL]);
}

/**
 * Paints the offline basemap and the community names of presentation mode's map for `theme`.
 * Layers the map does not have (an online basemap replaced the offline one) are skipped.
 */
export function applyPresentStyle(map: MapLibreMap, theme: PresentTheme): void {
  const colors = theme === 'dark' ? DARK_BASEMAP : BASEMAP_COLORS;
  const paint = (layer: string, name: PaintName, value: unknown) => {
    if (map.getLayer(layer)) map.setPaintProperty(layer, name, value as never);
  };
  const layout = (layer: string, name: LayoutName, value: unknown) => {
    if (map.getLayer(layer)) map.setLayoutProperty(layer, name, value as never);
  };
  const [from, to] = COAST_FADE_ZOOMS;
  paint('basemap-sea', 'background-color', [
    'interpolate',
    ['linear'],
    ['zoom'],
    from,
    colors.sea,
    to,
    colors.land,
  ]);
  paint('basemap-land', 'fill-color', colors.land);
  paint('basemap-borders', 'line-color', colors.border);
  const labels = COMMUNITY_LAYER_IDS.labels;
  layout(labels, 'text-size', PRESENT_LABEL_SIZE);
  layout(labels, 'text-field', presentLabelField());
  paint(labels, 'text-color', LABEL_COLORS[theme].color);
  paint(labels, 'text-halo-color', LABEL_COLORS[theme].halo);
  paint(labels, 'text-halo-width', 2);
}

/** Room in pixels kept free on each side of the map. */
export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** How long a camera move between chapters takes, in ms (0 when the reader asks for less motion). */
export const FLIGHT_MS = 2600;

/** Moves to a chapter's camera, keeping `padding` (the card) clear; `animate` false jumps. */
export function moveCamera(map: MapLibreMap, camera: StoryCamera, padding: Padding, animate: boolean): void {
  const duration = animate ? FLIGHT_MS : 0;
  if ('bounds' in camera) {
    map.fitBounds(camera.bounds, {
      padding,
      pitch: camera.pitch,
      bearing: camera.bearing,
      // A programme of a few streets would otherwise fill the screen with a handful of dots.
      maxZoom: 15,
      duration,
      essential: true,
    });
  } else {
    map.flyTo({
      center: camera.center,
      zoom: camera.zoom,
      pitch: camera.pitch,
      bearing: camera.bearing,
      // Centre the target in the part of the map the card leaves free.
      offset: [(padding.left - padding.right) / 2, (padding.top - padding.bottom) / 2],
      duration,
      essential: true,
    });
  }
}

/** A rectangle in the map's own pixel coordinates. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Room to keep free around a chapter's communities: the card's side of the map (the left on a
 * wide screen, the bottom on a phone) and the control bar's edge (bottom or top), plus a margin,
 * never so much that less than a third of the map is left.
 */
export function cardPadding(
  map: { width: number; height: number },
  card: Box | null,
  bar: Box | null = null,
  margin = 48,
): Padding {
  const padding = { top: margin, bottom: margin, left: margin, right: margin };
  if (card) {
    const beside = card.right < map.width * 0.6;
    if (beside) padding.left = Math.max(margin, card.right + margin);
    else padding.bottom = Math.max(margin, map.height - card.top + margin);
  }
  if (bar) {
    // Names are written under their circles: keep a little more room above a bar at the bottom.
    if (bar.top > map.height / 2) padding.bottom = Math.max(padding.bottom, map.height - bar.top + margin);
    else padding.top = Math.max(padding.top, bar.bottom + margin / 2);
  }
  padding.left = Math.min(padding.left, (map.width * 2) / 3 - padding.right);
  padding.bottom = Math.min(padding.bottom, (map.height * 2) / 3 - padding.top);
  padding.top = Math.min(padding.top, (map.height * 2) / 3 - padding.bottom);
  return padding;
}
