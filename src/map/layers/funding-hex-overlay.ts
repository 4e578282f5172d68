/**
 * The funding hexagons, drawn by deck.gl over the map. This module is loaded with a dynamic
 * import when the funding layer is first shown, so deck.gl, luma.gl and h3-js stay out of the
 * initial bundle.
 *
 * The overlay runs in overlaid mode (deck.gl's own canvas over MapLibre's): interleaved mode
 * has an open bug that hides MapLibre labels (deck.gl issue 10700), and `@deck.gl/mapbox` cannot
 * be used with MapLibre 6, which removed the `map.transform` it reads.
 */
import type { Deck } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { PolygonLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { cellToBoundary, getHexagonEdgeLengthAvg, getResolution, UNITS } from 'h3-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { H3Cell } from '../../contracts/h3-cells';
import {
  EXTRUSION_PER_CLASS,
  FUNDING_DENSITY_OPACITY,
  FUNDING_NO_DATA_COLOR,
  hexToRgb,
} from '../../style/view-scales';
import { fundingClass, type FundingScale } from './funding-metric';

/** How the cells are drawn. */
export interface HexStyle {
  /** The value a cell is coloured by (see funding-metric.ts `cellValue`). */
  value: (cell: H3Cell) => number | null;
  scale: FundingScale;
  /** Extrude each hexagon to a height growing with its class. */
  extrude: boolean;
  /**
   * Moves a WGS84 position to the basemap's coordinate system (GCJ-02 under an AMap basemap);
   * absent for WGS84. The hexagons are then drawn as polygons through it.
   */
  toDisplay?: ((lngLat: [number, number]) => [number, number]) | null;
}

/** A hexagon under the pointer or tapped, with its position in map-container pixels. */
export interface HexPick {
  cell: H3Cell;
  x: number;
  y: number;
  /** True for a click or tap (the tooltip stays), false for a hover. */
  clicked: boolean;
}

/** Handle on the overlay, owned by FundingHexLayer. */
export interface FundingOverlay {
  /** Shows these cells in this style. */
  setCells(cells: readonly H3Cell[], style: HexStyle): void;
  setVisible(visible: boolean): void;
  /** Resolves once deck.gl has drawn the layers last set (it draws on its own animation frame). */
  drawn(): Promise<void>;
  /** The scale the shown hexagons are coloured by; null while none are shown. */
  shownScale(): FundingScale | null;
  /**
   * Draws the hexagons once at `pixelRatio` device pixels per CSS pixel (an export's resolution)
   * and hands deck.gl's canvas to `use` in the same task, before the browser may clear it; then
   * returns to the screen's resolution. `use` gets null when no hexagon is shown.
   */
  renderAt(pixelRatio: number, use: (canvas: HTMLCanvasElement | null) => void): void;
  /** Removes the overlay from the map and frees its GPU resources. */
  destroy(): void;
}

const NO_DATA: [number, number, number, number] = [...hexToRgb(FUNDING_NO_DATA_COLOR), 255];

/** The overlay of each map, for the PNG export (which must redraw the hexagons at its own size). */
const overlays = new WeakMap<MapLibreMap, FundingOverlay>();

/** The funding overlay on `map`, or null when the funding layer was never shown on it. */
export function fundingOverlayOf(map: MapLibreMap): FundingOverlay | null {
  return overlays.get(map) ?? null;
}

/**
 * The Deck inside a MapLibreOverlay. In overlaid mode the overlay has no public redraw, and an
 * export must draw synchronously at its own resolution and read the canvas in the same task.
 */
function deckOf(overlay: MapLibreOverlay): Deck | null {
  const deck = (overlay as unknown as { _deck?: Deck })._deck;
  return deck?.isInitialized ? deck : null;
}

/** Adds an (empty, visible) overlay to `map`; `onpick` hears hovers and clicks on hexagons. */
export function createFundingOverlay(
  map: MapLibreMap,
  onpick: (pick: HexPick | null) => void,
): FundingOverlay {
  // Resolvers waiting for the next frame deck.gl draws with every layer loaded.
  let waiting: (() => void)[] = [];
  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [],
    onAfterRender: () => {
      const done = waiting;
      waiting = [];
      for (const resolve of done) resolve();
    },
    onHover: (info) => {
      const cell = info.object as H3Cell | undefined;
      onpick(cell ? { cell, x: info.x, y: info.y, clicked: false } : null);
    },
    onClick: (info) => {
      const cell = info.object as H3Cell | undefined;
      onpick(cell ? { cell, x: info.x, y: info.y, clicked: true } : null);
    },
  });
  map.addControl(overlay);
  let cells: readonly H3Cell[] = [];
  let style: HexStyle | null = null;
  let visible = true;
  let palette: [number, number, number, number][] = [];
  let edge = 0;
  let polygons: Map<string, [number, number][]> | null = null;

  const render = () => {
    if (!style) return;
    const { value, scale, extrude } = style;
    const shown = polygons;
    const common = {
      id: 'funding-density',
      data: cells,
      visible,
    };
    overlay.setProps({
      layers: [
        new (shown ? PolygonLayer : H3HexagonLayer)<H3Cell>({
          ...common,
          ...(shown
            ? { getPolygon: (d: H3Cell) => shown.get(d.h3) ?? [] }
            : { getHexagon: (d: H3Cell) => d.h3 }),
          getFillColor: (d) => palette[fundingClass(value(d), scale)] ?? NO_DATA,
          extruded: extrude,
          // Height by class, so it says what the colour says; a fraction of the edge per class
          // keeps towers in proportion to the hexagon at every resolution.
          getElevation: (d) => (fundingClass(value(d), scale) + 1) * EXTRUSION_PER_CLASS * edge,
          elevationScale: 1,
          material: extrude ? { ambient: 0.55, diffuse: 0.55, shininess: 16 } : false,
          stroked: !extrude,
          wireframe: false,
          getLineColor: [255, 255, 255, 170],
          lineWidthMinPixels: 0.5,
          opacity: extrude ? 0.9 : FUNDING_DENSITY_OPACITY,
          pickable: true,
          autoHighlight: true,
          highlightColor: [20, 20, 20, 60],
          updateTriggers: { getFillColor: [scale, value], getElevation: [scale, value, edge] },
        }),
      ],
    });
  };

  const handle: FundingOverlay = {
    setCells(next, nextStyle) {
      cells = next;
      style = nextStyle;
      palette = nextStyle.scale.colors.map((c) => [...hexToRgb(c), 255] as [number, number, number, number]);
      const first = next[0];
      edge = first ? getHexagonEdgeLengthAvg(getResolution(first.h3), UNITS.m) : 0;
      const move = nextStyle.toDisplay;
      polygons = move
        ? new Map(next.map((c) => [c.h3, cellToBoundary(c.h3, true).map((p) => move([p[0]!, p[1]!]))]))
        : null;
      render();
    },
    setVisible(next) {
      visible = next;
      render();
    },
    drawn() {
      return new Promise((resolve) => waiting.push(resolve));
    },
    shownScale() {
      return visible && style && cells.length ? style.scale : null;
    },
    renderAt(pixelRatio, use) {
      const deck = deckOf(overlay);
      if (!deck || !handle.shownScale()) {
        use(null);
        return;
      }
      overlay.setProps({ useDevicePixels: pixelRatio });
      try {
        // The drawing buffer takes the new size on this draw (luma.gl resizes it lazily).
        deck.redraw('export');
        use(deck.getCanvas());
      } finally {
        overlay.setProps({ useDevicePixels: true });
        deck.redraw('export done');
      }
    },
    destroy() {
      for (const resolve of waiting) resolve();
      waiting = [];
      overlays.delete(map);
      map.removeControl(overlay);
      overlay.finalize();
    },
  };
  overlays.set(map, handle);
  return handle;
}
