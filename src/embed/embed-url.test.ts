import { describe, expect, it } from 'vitest';
import { embedHref, fullViewHref } from './embed-url';

const BASE = 'https://city.example/atlas/';

describe('embedHref and fullViewHref', () => {
  it('round-trips a view: same parameters, same hash', () => {
    const view = `${BASE}?lang=en&stage=completed,accepted&hex=1#map=12.5/28.2/112.9`;
    const embed = embedHref(view);
    const url = new URL(embed);
    expect(url.searchParams.get('embed')).toBe('1');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('stage')).toBe('completed,accepted');
    expect(url.hash).toBe('#map=12.5/28.2/112.9');
    expect(url.pathname).toBe('/atlas/');
    const full = new URL(fullViewHref(embed));
    expect(full.searchParams.has('embed')).toBe(false);
    expect([...full.searchParams]).toEqual([...new URL(view).searchParams]);
    expect(full.hash).toBe('#map=12.5/28.2/112.9');
  });

  it('drops the table view and presentation mode from an embed', () => {
    const url = new URL(embedHref(`${BASE}?view=table&present=1&lang=en`));
    expect([...url.searchParams.keys()].sort()).toEqual(['embed', 'lang']);
  });

  it('leaves a plain address plain', () => {
    expect(fullViewHref(`${BASE}?embed=1`)).toBe(BASE);
    expect(fullViewHref(`${BASE}?embed=1#map=3/35/105`)).toBe(`${BASE}#map=3/35/105`);
  });
});
