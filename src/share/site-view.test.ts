import { describe, expect, it } from 'vitest';
import { itMaps } from '../domain/test-cases';
import { parseView, viewSearch } from './site-view';

describe('site view in the address', () => {
  // The table view where the address asks for it; the map otherwise.
  itMaps(parseView, [
    ['?view=table', 'table'],
    ['?lang=en&view=table', 'table'],
    ['?view=chart', 'map'],
    ['', 'map'],
  ]);

  it('switches without touching other parameters as written', () => {
    expect(viewSearch('table', '?stage=completed,accepted&lang=en')).toBe(
      '?stage=completed,accepted&lang=en&view=table',
    );
    expect(viewSearch('map', '?view=table&lang=en')).toBe('?lang=en');
    expect(viewSearch('map', '?view=table')).toBe('');
    expect(parseView(viewSearch('table', ''))).toBe('table');
  });
});
