import { describe, expect, it } from 'vitest';
import {
  clampHeight,
  dragHeight,
  dragVelocity,
  releaseSnap,
  snapForKey,
  snapHeights,
  snapOnActivate,
  stepSnap,
} from './sheet-state';

// A 390×844 phone: 796 px under a 48 px header, a 90 px peek.
const heights = snapHeights(796, 90);

describe('snapHeights', () => {
  it('puts half at half the available height, between the peek and full', () => {
    expect(heights).toEqual({ peek: 90, half: 398, full: 796 });
    expect(snapHeights(796, 90, { halfShare: 0.6 }).half).toBe(478);
  });

  it('never puts half below the peek or the peek above full (a landscape phone)', () => {
    expect(snapHeights(150, 90)).toEqual({ peek: 90, half: 90, full: 150 });
    expect(snapHeights(60, 90)).toEqual({ peek: 60, half: 60, full: 60 });
    expect(snapHeights(-5, 90)).toEqual({ peek: 0, half: 0, full: 0 });
  });
});

describe('keys and taps', () => {
  it('steps up and down, stopping at the ends', () => {
    expect(stepSnap('peek', 1)).toBe('half');
    expect(stepSnap('half', 1)).toBe('full');
    expect(stepSnap('full', 1)).toBe('full');
    expect(stepSnap('full', -2)).toBe('peek');
    expect(stepSnap('peek', -1)).toBe('peek');
  });

  it('maps the handle keys, and leaves other keys alone', () => {
    expect(snapForKey('peek', 'ArrowUp')).toBe('half');
    expect(snapForKey('half', 'PageUp')).toBe('full');
    expect(snapForKey('full', 'ArrowDown')).toBe('half');
    expect(snapForKey('half', 'PageDown')).toBe('peek');
    expect(snapForKey('peek', 'Home')).toBe('full');
    expect(snapForKey('full', 'End')).toBe('peek');
    expect(snapForKey('full', 'Escape')).toBe('peek');
    expect(snapForKey('half', 'Enter')).toBeNull();
    expect(snapForKey('half', 'a')).toBeNull();
  });

  it('cycles peek → half → full → peek on a tap', () => {
    expect(snapOnActivate('peek')).toBe('half');
    expect(snapOnActivate('half')).toBe('full');
    expect(snapOnActivate('full')).toBe('peek');
  });
});

describe('dragging', () => {
  it('follows the finger, within peek and full', () => {
    // Dragged 200 px up from the peek.
    expect(dragHeight(90, 700, 500, heights)).toBe(290);
    expect(dragHeight(90, 700, 800, heights)).toBe(90);
    expect(dragHeight(398, 400, -600, heights)).toBe(796);
    expect(clampHeight(1000, heights)).toBe(796);
    expect(clampHeight(10, heights)).toBe(90);
  });

  it('settles a slow release at the nearest position, the lower one on a tie', () => {
    expect(releaseSnap(200, 0, heights)).toBe('peek');
    expect(releaseSnap(300, 0.1, heights)).toBe('half');
    expect(releaseSnap(600, -0.1, heights)).toBe('full');
    expect(releaseSnap(244, 0, heights)).toBe('peek');
  });

  it('sends a flick on to the next position in its direction', () => {
    expect(releaseSnap(120, 0.8, heights)).toBe('half');
    expect(releaseSnap(398, 0.8, heights)).toBe('full');
    expect(releaseSnap(796, 2, heights)).toBe('full');
    expect(releaseSnap(700, -0.8, heights)).toBe('half');
    expect(releaseSnap(398, -0.8, heights)).toBe('peek');
    expect(releaseSnap(90, -3, heights)).toBe('peek');
    // A slower swipe is no flick with the default, but is with a lower threshold.
    expect(releaseSnap(120, 0.3, heights)).toBe('peek');
    expect(releaseSnap(120, 0.3, heights, { flickSpeed: 0.2 })).toBe('half');
  });

  it('measures the speed over the last moments only', () => {
    expect(dragVelocity([])).toBe(0);
    expect(dragVelocity([{ y: 500, t: 0 }])).toBe(0);
    // 100 px up in 50 ms.
    expect(
      dragVelocity([
        { y: 600, t: 0 },
        { y: 500, t: 50 },
      ]),
    ).toBe(2);
    expect(
      dragVelocity([
        { y: 500, t: 0 },
        { y: 560, t: 60 },
      ]),
    ).toBe(-1);
    // A fast start, then a still finger for 300 ms: no flick.
    const paused = [
      { y: 700, t: 0 },
      { y: 400, t: 50 },
      { y: 400, t: 200 },
      { y: 400, t: 350 },
    ];
    expect(dragVelocity(paused)).toBe(0);
  });
});
