import { describe, expect, it } from 'vitest';
import { parseView, viewSearch } from './site-view';

describe('site view in the address', () => {
  it('reads the table view and defaults to the map', () => {
    expect(parseView('?view=table')).toBe('table');
    expect(parseView('?lang=en&view=table')).toBe('table');
    expect(parseView('?view=chart')).toBe('map');
    expect(parseView('')).toBe('map');
  });

  it('switches without touching other parameters as written', () => {
    expect(viewSearch('table', '?stage=completed,accepted&lang=en')).toBe(
      '?stage=completed,accepted&lang=en&view=table',
    );
    expect(viewSearch('map', '?view=table&lang=en')).toBe('?lang=en');
    expect(viewSearch('map', '?view=table')).toBe('');
    expect(parseView(viewSearch('table', ''))).toBe('table');
  });
});
