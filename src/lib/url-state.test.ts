import { describe, expect, it } from 'vitest';
import { parseUrlState, serialiseUrlState } from './url-state';

describe('URL state', () => {
  it('defaults to Chinese with optional layers off', () => {
    expect(parseUrlState('')).toEqual({ lang: 'zh', hex: false });
  });

  it('reads ?lang=en and ?hex=1, ignoring values it does not know', () => {
    expect(parseUrlState('?lang=en&hex=1')).toEqual({ lang: 'en', hex: true });
    expect(parseUrlState('?lang=fr&hex=yes')).toEqual({ lang: 'zh', hex: false });
  });

  it('leaves defaults out and keeps parameters it does not own', () => {
    expect(serialiseUrlState({ lang: 'zh', hex: false }, '?lang=en&hex=1')).toBe('');
    expect(serialiseUrlState({ lang: 'en', hex: true }, '?focus=abc')).toBe('?focus=abc&lang=en&hex=1');
  });

  it('round-trips', () => {
    const state = { lang: 'en', hex: true } as const;
    expect(parseUrlState(serialiseUrlState(state))).toEqual(state);
  });
});
