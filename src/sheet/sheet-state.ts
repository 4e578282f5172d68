/**
 * The phone's bottom sheet as numbers: its three resting heights (peek, half, full), where a
 * drag leaves it, and which key moves it where. Pure, so the gesture rules are tested without a
 * browser; BottomSheet.svelte feeds it pointer positions, times and keys.
 */

/** Resting positions, lowest first. */
export const SNAPS = ['peek', 'half', 'full'] as const;

/** A resting position of the sheet. */
export type Snap = (typeof SNAPS)[number];

/** What the phone's bottom sheet shows above its peek (PhoneSheet.svelte). */
export type SheetSection = 'filters' | 'legend' | 'community' | 'table';

/** The sheet's height in CSS pixels at each resting position. */
export type SnapHeights = Readonly<Record<Snap, number>>;

/** Options of {@link snapHeights}. */
export interface SnapHeightOptions {
  /** Share of the available height the sheet takes at `half`. Default 0.5. */
  halfShare?: number;
}

/** Options of {@link releaseSnap}. */
export interface ReleaseOptions {
  /**
   * Speed (px/ms) above which a released drag is a flick and goes on to the next position in its
   * direction, however short it was. Default 0.5: a thumb's quick swipe, not a slow drag.
   */
  flickSpeed?: number;
}

/** Movement (px) before a press on the sheet's top becomes a drag rather than a tap. */
export const DRAG_THRESHOLD_PX = 6;

/**
 * Heights of the three positions in a space `available` pixels tall (the map's area under the
 * header), given the peek's own height. Half never sits below the peek nor above full.
 */
export function snapHeights(available: number, peek: number, options: SnapHeightOptions = {}): SnapHeights {
  const full = Math.max(0, Math.round(available));
  const low = Math.min(Math.max(0, Math.round(peek)), full);
  const half = Math.min(full, Math.max(low, Math.round(full * (options.halfShare ?? 0.5))));
  return { peek: low, half, full };
}

/** The position `steps` above (positive) or below (negative) `snap`, stopping at the ends. */
export function stepSnap(snap: Snap, steps: number): Snap {
  const i = Math.min(SNAPS.length - 1, Math.max(0, SNAPS.indexOf(snap) + steps));
  return SNAPS[i]!;
}

/**
 * Where a key pressed on the handle sends the sheet: ↑ / PageUp one position up, ↓ / PageDown
 * one down, Home to full, End to peek, Escape to peek. Null for any other key (not handled).
 */
export function snapForKey(snap: Snap, key: string): Snap | null {
  switch (key) {
    case 'ArrowUp':
    case 'PageUp':
      return stepSnap(snap, 1);
    case 'ArrowDown':
    case 'PageDown':
      return stepSnap(snap, -1);
    case 'Home':
      return 'full';
    case 'End':
    case 'Escape':
      return 'peek';
    default:
      return null;
  }
}

/** Where a tap (or Enter / Space) on the handle sends the sheet: up one position, from full back to peek. */
export function snapOnActivate(snap: Snap): Snap {
  return snap === 'full' ? 'peek' : stepSnap(snap, 1);
}

/** `height` kept between the peek and full heights. */
export function clampHeight(height: number, heights: SnapHeights): number {
  return Math.min(heights.full, Math.max(heights.peek, height));
}

/**
 * The sheet's height while a drag that started at `startY` with the sheet `startHeight` tall is
 * at `y` (page coordinates, y down): the sheet's top follows the finger, within peek and full.
 */
export function dragHeight(startHeight: number, startY: number, y: number, heights: SnapHeights): number {
  return clampHeight(startHeight + (startY - y), heights);
}

/**
 * Where the sheet settles when a drag lets go at `height` moving at `velocity` px/ms (positive:
 * upwards). A flick goes to the next position in its direction; a slow release goes to the
 * nearest position (the lower one on a tie, so the map wins).
 */
export function releaseSnap(
  height: number,
  velocity: number,
  heights: SnapHeights,
  options: ReleaseOptions = {},
): Snap {
  const flick = options.flickSpeed ?? 0.5;
  if (velocity >= flick) return SNAPS.find((s) => heights[s] > height) ?? 'full';
  if (velocity <= -flick) return [...SNAPS].reverse().find((s) => heights[s] < height) ?? 'peek';
  let best: Snap = 'peek';
  for (const s of SNAPS) if (Math.abs(heights[s] - height) < Math.abs(heights[best] - height)) best = s;
  return best;
}

/** One pointer position in time, for {@link dragVelocity}. */
export interface DragSample {
  /** Page y in CSS pixels (down is positive). */
  y: number;
  /** Time in milliseconds. */
  t: number;
}

/**
 * Upward speed (px/ms) of a drag from its recent samples (oldest first), measured over the last
 * `windowMs` (default 100) so a pause before letting go is not a flick. 0 with fewer than two.
 */
export function dragVelocity(samples: readonly DragSample[], windowMs = 100): number {
  const last = samples[samples.length - 1];
  if (!last) return 0;
  const first = samples.find((s) => last.t - s.t <= windowMs) ?? last;
  const dt = last.t - first.t;
  return dt > 0 ? (first.y - last.y) / dt : 0;
}
