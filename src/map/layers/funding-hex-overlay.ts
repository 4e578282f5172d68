/**
 * The funding-density hexagons, drawn by deck.gl over the map. This module is loaded with a
 * dynamic import when the layer is first switched on, so deck.gl, luma.gl and h3-js stay out of
 * the initial bundle.
 *
 * The overlay runs in overlaid mode (deck.gl's own canvas over MapLibre's): interleaved mode
 * has an open bug that hides MapLibre labels (deck.gl issue 10700), and `@deck.gl/mapbox` cannot
 * be used with MapLibre 6, which removed the `map.transform` it reads.
 */
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { H3Cell } from '../../lib/aggregates';
import { classIndex, FUNDING_DENSITY_COLORS, FUNDING_DENSITY_OPACITY, hexToRgb } from '../../legend/scales';

/** Handle on the overlay, owned by FundingHexLayer. */
export interface FundingOverlay {
  /** Shows these cells coloured by `breaks` (ascending yuan/km² thresholds). */
  setCells(cells: readonly H3Cell[], breaks: readonly number[]): void;
  setVisible(visible: boolean): void;
  /** Removes the overlay from the map and frees its GPU resources. */
  destroy(): void;
}

const FILL = FUNDING_DENSITY_COLORS.map(hexToRgb);

/** Adds an (empty, visible) overlay to `map`. */
export function createFundingOverlay(map: MapLibreMap): FundingOverlay {
  const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
  map.addControl(overlay);
  let cells: readonly H3Cell[] = [];
  let breaks: readonly number[] = [];
  let visible = true;

  const render = () =>
    overlay.setProps({
      layers: [
        new H3HexagonLayer<H3Cell>({
          id: 'funding-density',
          data: cells,
          visible,
          getHexagon: (d) => d.h3,
          getFillColor: (d) => [...FILL[classIndex(d.fund_per_km2, breaks)]!, 255],
          extruded: false,
          stroked: true,
          getLineColor: [255, 255, 255, 160],
          lineWidthMinPixels: 0.5,
          opacity: FUNDING_DENSITY_OPACITY,
          pickable: false,
          updateTriggers: { getFillColor: [breaks] },
        }),
      ],
    });

  return {
    setCells(next, nextBreaks) {
      cells = next;
      breaks = nextBreaks;
      render();
    },
    setVisible(next) {
      visible = next;
      render();
    },
    destroy() {
      map.removeControl(overlay);
      overlay.finalize();
    },
  };
}
