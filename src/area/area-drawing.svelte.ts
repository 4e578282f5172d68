/**
 * The area tool's drawing state machine, apart from the map so it is tested in node:
 *
 * - idle (closed, or open with nothing placed);
 * - drawing a polygon: clicks add vertices, Backspace takes the last one back, a double-click or
 *   Enter finishes (at least three distinct vertices);
 * - drawing a circle: a click sets the centre and a second click the radius, or a press dragged
 *   further than DRAG_PX draws the radius from where it started, or a typed radius is applied
 *   around the centre (the map's centre when none is placed);
 * - done: a shape, whose statistics the panel shows; Escape cancels a drawing in progress, Clear
 *   or a change of mode goes back to idle.
 *
 * Positions are WGS84; the caller converts map events (see area-map-input.ts). While
 * `capturing`, map clicks belong to the tool.
 */
import turfDistance from '@turf/distance';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { i18n, t } from '../i18n/i18n.svelte';
import { formatPlain } from '../lib/format';
import { isCompleteShape, RADIUS_LIMITS, shapePolygon, type AreaShape, type LngLat } from './area-stats';

/** What the tool draws. */
export type DrawMode = 'polygon' | 'circle';

/** A pointer position on the screen, in CSS pixels. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** The parts of a key press the tool reads. */
export interface KeyPress {
  key: string;
  target: EventTarget | null;
  preventDefault(): void;
  stopPropagation(): void;
}

/** Pointer travel (px) after which a press in circle mode is a drag, not a click. */
export const DRAG_PX = 5;

const metresBetween = (a: LngLat, b: LngLat) => turfDistance(a, b, { units: 'meters' });

/** Consecutive repeats dropped: a double-click adds its position twice before it finishes. */
function dedupe(points: readonly LngLat[]): LngLat[] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}

/** The drawing state and its transitions; one per area tool. */
export class AreaDrawing {
  /** Whether the tool's panel is open. */
  open = $state(false);
  mode = $state<DrawMode>('polygon');
  /** The polygon's vertices placed so far. */
  vertices = $state.raw<LngLat[]>([]);
  /** The circle's centre while its radius is being chosen. */
  center = $state.raw<LngLat | null>(null);
  /** Where the pointer is, for the rubber-band edge or radius. */
  cursor = $state.raw<LngLat | null>(null);
  /** The finished shape. */
  shape = $state.raw<AreaShape | null>(null);
  /** The radius box: a number input binds a number, or null when empty. */
  radiusInput = $state<number | null>(null);
  /** Why the last step was refused, or that a drawing was cancelled; '' otherwise. */
  message = $state('');
  dragging = $state(false);
  #press: { point: ScreenPoint; at: LngLat } | null = null;
  #swallowClick = false;

  /** True while map clicks belong to the tool (the page then does not open community panels). */
  readonly capturing = $derived(this.open && !this.shape);

  /** The radius to the pointer while a circle is being drawn, in whole metres. */
  readonly liveRadius = $derived(
    this.center && this.cursor && !this.shape ? Math.round(metresBetween(this.center, this.cursor)) : null,
  );

  /** Whether anything is placed or drawn (Clear is offered). */
  readonly placed = $derived(Boolean(this.shape || this.vertices.length || this.center));

  /** What is drawn, in WGS84; `draft` marks what is still being drawn. */
  readonly drawn = $derived.by((): FeatureCollection => {
    const features: Feature[] = [];
    const add = (geometry: Geometry, draft: boolean) =>
      features.push({ type: 'Feature', properties: { draft }, geometry });
    const { shape, mode, vertices, cursor, center, liveRadius } = this;
    if (shape) {
      add(shapePolygon(shape).geometry, false);
      if (shape.kind === 'circle') add({ type: 'Point', coordinates: shape.center }, false);
    } else if (mode === 'polygon' && vertices.length) {
      const ring = cursor ? [...vertices, cursor] : vertices;
      if (ring.length >= 3) add(shapePolygon({ kind: 'polygon', vertices: ring }).geometry, true);
      else if (ring.length === 2) add({ type: 'LineString', coordinates: ring }, true);
      for (const v of vertices) add({ type: 'Point', coordinates: v }, true);
    } else if (mode === 'circle' && center) {
      if (liveRadius && liveRadius > 0)
        add(shapePolygon({ kind: 'circle', center, radiusM: liveRadius }).geometry, true);
      add({ type: 'Point', coordinates: center }, true);
    }
    return { type: 'FeatureCollection', features };
  });

  /** Opens or closes the panel; closing drops what was drawn. */
  toggle(): void {
    this.open = !this.open;
    if (!this.open) this.reset();
  }

  /** Back to idle in the current mode. */
  reset(): void {
    this.vertices = [];
    this.center = null;
    this.cursor = null;
    this.shape = null;
    this.message = '';
    this.dragging = false;
    this.#press = null;
  }

  setMode(next: DrawMode): void {
    this.mode = next;
    this.reset();
  }

  addVertex(p: LngLat): void {
    this.vertices = [...this.vertices, p];
  }

  setCentre(p: LngLat): void {
    this.center = p;
  }

  finishPolygon(): void {
    const candidate: AreaShape = { kind: 'polygon', vertices: dedupe(this.vertices) };
    if (!isCompleteShape(candidate)) {
      this.message = t('area.need_vertices');
      return;
    }
    this.shape = candidate;
    this.vertices = [];
    this.cursor = null;
    this.message = '';
  }

  finishCircle(c: LngLat, radiusM: number): void {
    const r = Math.round(radiusM);
    if (!(r >= RADIUS_LIMITS.min && r <= RADIUS_LIMITS.max)) {
      this.message = t('area.radius_range', {
        min: RADIUS_LIMITS.min,
        max: formatPlain(RADIUS_LIMITS.max, i18n.lang),
      });
      return;
    }
    this.shape = { kind: 'circle', center: c, radiusM: r };
    this.radiusInput = r;
    this.center = null;
    this.cursor = null;
    this.message = '';
  }

  /** Applies the typed radius around the placed centre, the shown circle's, or `mapCentre`. */
  applyRadius(mapCentre: () => LngLat): void {
    const r = this.radiusInput;
    if (typeof r !== 'number' || !Number.isFinite(r)) {
      this.message = t('area.radius_invalid');
      return;
    }
    const c = this.center ?? (this.shape?.kind === 'circle' ? this.shape.center : mapCentre());
    this.finishCircle(c, r);
  }

  /** A click on the map at `at`. */
  click(at: LngLat): void {
    if (!this.capturing) return;
    if (this.#swallowClick) {
      this.#swallowClick = false;
      return;
    }
    if (this.mode === 'polygon') this.addVertex(at);
    else if (!this.center) this.center = at;
    else this.finishCircle(this.center, metresBetween(this.center, at));
  }

  /** A double-click on the map; true when it finished a polygon (the map must not zoom). */
  doubleClick(): boolean {
    if (!this.capturing || this.mode !== 'polygon') return false;
    this.finishPolygon();
    return true;
  }

  /** A press of `button` at `point` (`at` on the map); true when the map must not pan. */
  pointerDown(point: ScreenPoint, at: LngLat, button: number): boolean {
    if (!this.capturing || this.mode !== 'circle' || this.center || button !== 0) return false;
    this.#press = { point: { x: point.x, y: point.y }, at };
    return true;
  }

  /** The pointer moved to `point` (`at` on the map), pressed or not. */
  pointerMove(point: ScreenPoint, at: LngLat): void {
    if (this.capturing) this.cursor = at;
    const press = this.#press;
    if (!press || this.dragging) return;
    if (Math.hypot(point.x - press.point.x, point.y - press.point.y) > DRAG_PX) {
      this.dragging = true;
      this.center = press.at;
    }
  }

  /** The press ended at `at`: a drag finishes its circle. */
  pointerUp(at: LngLat): void {
    const press = this.#press;
    if (!press) return;
    if (this.dragging) {
      this.finishCircle(press.at, metresBetween(press.at, at));
      // The click that follows the release must not start a new circle.
      this.#swallowClick = true;
    }
    this.dragging = false;
    this.#press = null;
  }

  /** A key pressed anywhere on the page. */
  key(event: KeyPress): void {
    if (!this.capturing) return;
    const target = event.target as HTMLElement | null;
    const typing = target?.closest('input, textarea, select, button, a, [role="combobox"]');
    if (event.key === 'Escape') {
      if (this.vertices.length || this.center) {
        event.stopPropagation();
        this.reset();
        this.message = t('area.cancelled');
      }
      return;
    }
    if (typing) return;
    if (event.key === 'Enter' && this.mode === 'polygon' && this.vertices.length) {
      event.preventDefault();
      this.finishPolygon();
    } else if (event.key === 'Backspace' && this.mode === 'polygon' && this.vertices.length) {
      event.preventDefault();
      this.vertices = this.vertices.slice(0, -1);
    }
  }
}
