import { beforeAll, describe, expect, it } from 'vitest';
import { loadText, t } from '../i18n/i18n.svelte';
import { AreaDrawing, DRAG_PX, type KeyPress } from './area-drawing.svelte';
import type { LngLat } from './area-stats';

const A: LngLat = [116.3, 39.9];
const B: LngLat = [116.31, 39.9];
const C: LngLat = [116.31, 39.91];

function opened(mode: 'polygon' | 'circle' = 'polygon'): AreaDrawing {
  const drawing = new AreaDrawing();
  drawing.toggle();
  drawing.setMode(mode);
  return drawing;
}

function press(key: string): KeyPress & { prevented: boolean; stopped: boolean } {
  return {
    key,
    target: null,
    prevented: false,
    stopped: false,
    preventDefault() {
      this.prevented = true;
    },
    stopPropagation() {
      this.stopped = true;
    },
  };
}

// The area tool's text is in the Chinese views' part, which the page asks for at start.
beforeAll(() => loadText('zh'));

describe('AreaDrawing', () => {
  it('captures clicks only while open and nothing is finished', () => {
    const drawing = new AreaDrawing();
    expect(drawing.capturing).toBe(false);
    drawing.click(A);
    expect(drawing.vertices).toEqual([]);
    drawing.toggle();
    expect(drawing.capturing).toBe(true);
  });

  it('draws a polygon from clicks and finishes it on a double-click, dropping repeats', () => {
    const drawing = opened();
    drawing.click(A);
    drawing.click(B);
    drawing.click(C);
    drawing.click(C);
    // The draft polygon and its four clicks.
    expect(drawing.drawn.features.filter((f) => f.properties?.['draft'])).toHaveLength(5);
    expect(drawing.doubleClick()).toBe(true);
    expect(drawing.shape).toEqual({ kind: 'polygon', vertices: [A, B, C] });
    expect(drawing.capturing).toBe(false);
    expect(drawing.drawn.features.every((f) => f.properties?.['draft'] === false)).toBe(true);
  });

  it('refuses a polygon of fewer than three distinct vertices', () => {
    const drawing = opened();
    drawing.click(A);
    drawing.click(B);
    drawing.key(press('Enter'));
    expect(drawing.shape).toBeNull();
    expect(drawing.message).toBe(t('area.need_vertices'));
  });

  it('takes back a vertex with Backspace and cancels with Escape', () => {
    const drawing = opened();
    drawing.click(A);
    drawing.click(B);
    const back = press('Backspace');
    drawing.key(back);
    expect(back.prevented).toBe(true);
    expect(drawing.vertices).toEqual([A]);
    const escape = press('Escape');
    drawing.key(escape);
    expect(escape.stopped).toBe(true);
    expect(drawing.vertices).toEqual([]);
    expect(drawing.message).toBe(t('area.cancelled'));
  });

  it('draws a circle from two clicks', () => {
    const drawing = opened('circle');
    expect(drawing.doubleClick()).toBe(false);
    drawing.click(A);
    expect(drawing.center).toEqual(A);
    drawing.pointerMove({ x: 0, y: 0 }, B);
    expect(drawing.liveRadius).toBeGreaterThan(800);
    drawing.click(B);
    expect(drawing.shape).toMatchObject({ kind: 'circle', center: A });
    expect(drawing.radiusInput).toBe((drawing.shape as { radiusM: number }).radiusM);
  });

  it('draws a circle by dragging, and the click after the release starts nothing', () => {
    const drawing = opened('circle');
    expect(drawing.pointerDown({ x: 10, y: 10 }, A, 0)).toBe(true);
    drawing.pointerMove({ x: 10 + DRAG_PX, y: 10 }, A);
    expect(drawing.dragging).toBe(false);
    drawing.pointerMove({ x: 20 + DRAG_PX, y: 10 }, B);
    expect(drawing.center).toEqual(A);
    drawing.pointerUp(B);
    expect(drawing.shape).toMatchObject({ kind: 'circle', center: A });
    drawing.reset();
    drawing.click(C);
    expect(drawing.center).toBeNull();
    drawing.click(C);
    expect(drawing.center).toEqual(C);
  });

  it('leaves other buttons and polygon mode to the map', () => {
    expect(opened('circle').pointerDown({ x: 0, y: 0 }, A, 2)).toBe(false);
    expect(opened('polygon').pointerDown({ x: 0, y: 0 }, A, 0)).toBe(false);
  });

  it('applies a typed radius around the map centre, within the limits', () => {
    const drawing = opened('circle');
    drawing.radiusInput = null;
    drawing.applyRadius(() => A);
    expect(drawing.message).toBe(t('area.radius_invalid'));
    drawing.radiusInput = 5;
    drawing.applyRadius(() => A);
    expect(drawing.shape).toBeNull();
    expect(drawing.message).not.toBe('');
    drawing.radiusInput = 2500;
    drawing.applyRadius(() => A);
    expect(drawing.shape).toEqual({ kind: 'circle', center: A, radiusM: 2500 });
    drawing.radiusInput = 1000;
    drawing.applyRadius(() => B);
    expect(drawing.shape).toEqual({ kind: 'circle', center: A, radiusM: 1000 });
  });

  it('drops the drawing when closed or when the mode changes', () => {
    const drawing = opened();
    drawing.click(A);
    drawing.setMode('circle');
    expect(drawing.placed).toBe(false);
    drawing.click(A);
    drawing.toggle();
    expect(drawing.open).toBe(false);
    expect(drawing.center).toBeNull();
  });
});
