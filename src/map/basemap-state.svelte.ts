/**
 * The CRS the map is drawn in right now, for components that draw geometry they make in the
 * browser (circles, drawn areas): convert it with `toDisplayCrs` / `geometryToDisplayCrs`
 * (basemap-crs.ts) when `displayCrs.current` is not WGS84. Set by BasemapPicker only.
 */
import type { DisplayCrs } from '../domain/display-crs';

/** Reactive: read `displayCrs.current` inside an effect or a derived value to follow changes. */
export const displayCrs: { current: DisplayCrs } = $state({ current: 'WGS84' });
