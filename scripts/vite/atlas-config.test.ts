import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedConfig } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { writeProtomapsExtract } from '../fixtures/protomaps/make-extract';
import { resolveAtlasConfig, type BasemapArchive } from '../basemap/online-basemaps';
import { archiveMiddleware, atlasConfigPlugin, extendCsp, virtualModuleSource } from './atlas-config';

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

describe('vector basemap archives', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-archives-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const extract = join(dir, 'xiangtan.pmtiles');
  writeProtomapsExtract(extract);
  const bytes = readFileSync(extract);

  it('are served by the dev server in the byte ranges pmtiles asks for, and nothing else', async () => {
    const archives: BasemapArchive[] = [
      { id: 'city', file: extract, path: 'basemap/city.pmtiles', where: 'x' },
    ];
    const handle = archiveMiddleware(archives);
    const server = createServer((req, res) =>
      handle(req, res, () => {
        res.statusCode = 404;
        res.end('next');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
    try {
      const head = await fetch(url('/basemap/city.pmtiles'), { headers: { Range: 'bytes=0-16383' } });
      expect(head.status).toBe(206);
      expect(head.headers.get('content-range')).toBe(
        `bytes 0-${Math.min(16383, bytes.length - 1)}/${bytes.length}`,
      );
      expect(Buffer.from(await head.arrayBuffer())).toEqual(bytes.subarray(0, 16384));
      const tail = await fetch(url('/basemap/city.pmtiles?v=1'), { headers: { Range: 'bytes=-100' } });
      expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 100));
      const whole = await fetch(url('/basemap/city.pmtiles'));
      expect(whole.status).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
      const beyond = await fetch(url('/basemap/city.pmtiles'), {
        headers: { Range: `bytes=${bytes.length}-` },
      });
      expect(beyond.status).toBe(416);
      expect(await (await fetch(url('/basemap/other.pmtiles'))).text()).toBe('next');
      expect(await (await fetch(url('/basemap/city.pmtiles'), { method: 'POST' })).text()).toBe('next');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('are copied into the build, and the page learns only their path in the site', async () => {
    writeFileSync(
      join(dir, 'atlas.config.json'),
      JSON.stringify({ basemaps: [{ type: 'pmtiles', id: 'city', file: 'xiangtan.pmtiles' }] }),
    );
    const plugin = atlasConfigPlugin({});
    const hook = <T extends (...args: never[]) => unknown>(h: unknown) => h as T;
    hook<(c: Partial<ResolvedConfig>) => void>(plugin.configResolved)({
      root: dir,
      logger: { info: () => {} } as unknown as ResolvedConfig['logger'],
    });
    const out = join(dir, 'dist');
    await hook<(o: { dir: string }) => Promise<void>>(plugin.writeBundle)({ dir: out });
    expect(readFileSync(join(out, 'basemap/city.pmtiles'))).toEqual(bytes);
    const source = hook<(id: string) => string>(plugin.load)('\0virtual:atlas-basemaps');
    expect(source).toContain('"path":"basemap/city.pmtiles"');
    expect(source).not.toContain(dir);
  });
});
