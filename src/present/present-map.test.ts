import { describe, expect, it } from 'vitest';
import { cardPadding } from './present-map';

describe('room kept for the chapter card', () => {
  it('keeps the card’s side clear on a wide screen', () => {
    const p = cardPadding({ width: 1920, height: 1080 }, { left: 30, right: 760, top: 24, bottom: 900 });
    expect(p.left).toBe(760 + 48);
    expect(p.top).toBe(48);
    expect(p.right).toBe(48);
  });

  it('keeps the bottom clear when the card is a bottom sheet', () => {
    const p = cardPadding({ width: 390, height: 844 }, { left: 0, right: 390, top: 460, bottom: 844 });
    expect(p.bottom).toBe(844 - 460 + 48);
    expect(p.left).toBe(48);
  });

  it('keeps the control bar clear, at the bottom or, on a phone, at the top', () => {
    const wide = cardPadding(
      { width: 1920, height: 1080 },
      { left: 30, right: 760, top: 24, bottom: 900 },
      { left: 1250, right: 1890, top: 950, bottom: 1050 },
    );
    expect(wide.bottom).toBe(1080 - 950 + 48);
    const phone = cardPadding(
      { width: 390, height: 844 },
      { left: 0, right: 390, top: 460, bottom: 844 },
      { left: 8, right: 382, top: 8, bottom: 100 },
    );
    expect(phone.top).toBe(100 + 24);
    expect(phone.bottom).toBe(844 - 460 + 48);
    expect(844 - phone.top - phone.bottom).toBeGreaterThan(0);
  });

  it('always leaves a third of the map', () => {
    const p = cardPadding({ width: 600, height: 400 }, { left: 0, right: 350, top: 0, bottom: 400 });
    expect(600 - p.left - p.right).toBeGreaterThanOrEqual(600 / 3 - 1);
    const q = cardPadding(
      { width: 390, height: 400 },
      { left: 0, right: 390, top: 20, bottom: 400 },
      { left: 0, right: 390, top: 0, bottom: 200 },
    );
    expect(400 - q.top - q.bottom).toBeGreaterThanOrEqual(400 / 3 - 1);
  });
});
