import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveAtlasConfig } from '../basemap/online-basemaps';
import { extendCsp, virtualModuleSource } from './atlas-config';

const INDEX = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');

function policy(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]!;
  return new Map(
    content.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );
}

describe('extendCsp', () => {
  it('leaves the page untouched when no tile origin is configured', () => {
    expect(extendCsp(INDEX, [])).toBe(INDEX);
  });

  it('adds exactly the tile origins to img-src and connect-src, nothing else', () => {
    const origins = ['https://t0.tianditu.gov.cn', 'https://tile.openstreetmap.org'];
    const before = policy(INDEX);
    const after = policy(extendCsp(INDEX, origins));
    expect(after.get('img-src')).toEqual([...before.get('img-src')!, ...origins]);
    expect(after.get('connect-src')).toEqual([...before.get('connect-src')!, ...origins]);
    for (const [name, values] of before)
      if (name !== 'img-src' && name !== 'connect-src') expect(after.get(name), name).toEqual(values);
  });

  it('refuses a page without a policy to widen', () => {
    expect(() => extendCsp('<html></html>', ['https://x.example'])).toThrow(/no Content-Security-Policy/);
  });
});

describe('virtualModuleSource', () => {
  it('carries the basemaps as data', async () => {
    const config = {
      file: null,
      ...resolveAtlasConfig({ basemaps: [{ type: 'osm', label: '</script>`${x}`' }] }),
    };
    const source = virtualModuleSource(config, false);
    const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<
      string,
      unknown
    >;
    expect(module.BASEMAPS).toEqual(config.basemaps);
    expect(module.DEFAULT_BASEMAP).toBe('offline');
    expect(module.BENCH_HOOKS).toBe(false);
  });
});
