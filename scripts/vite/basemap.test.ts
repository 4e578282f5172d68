import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { basemapMiddleware } from './basemap';

/** What the middleware did with one request: status, headers, body, or that it passed it on. */
async function request(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const files = { 'basemap/offline.pmtiles': Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) };
  const sent: { status: number; headers: Record<string, string>; body?: Uint8Array; next: boolean } = {
    status: 200,
    headers: {},
    next: false,
  };
  await new Promise<void>((resolve) => {
    const res = {
      set statusCode(s: number) {
        sent.status = s;
      },
      setHeader: (k: string, v: string) => (sent.headers[k.toLowerCase()] = v),
      end: (body?: Uint8Array) => {
        if (body) sent.body = body;
        resolve();
      },
    } as unknown as ServerResponse;
    basemapMiddleware(async () => files)({ url, headers, method } as IncomingMessage, res, () => {
      sent.next = true;
      resolve();
    });
  });
  return sent;
}

describe('basemapMiddleware', () => {
  it('answers a byte range of the archive as pmtiles asks for it', async () => {
    const r = await request('/basemap/offline.pmtiles?v=1', { range: 'bytes=2-4' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe('bytes 2-4/10');
    expect([...r.body!]).toEqual([2, 3, 4]);
  });

  it('answers the whole file without a range, and 416 past its end', async () => {
    expect((await request('/basemap/offline.pmtiles')).body!.length).toBe(10);
    const past = await request('/basemap/offline.pmtiles', { range: 'bytes=20-30' });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */10');
  });

  it('passes on other paths, other basemap files and other methods', async () => {
    expect((await request('/data/manifest.json')).next).toBe(true);
    expect((await request('/basemap/tianditu.pmtiles')).next).toBe(true);
    expect((await request('/basemap/offline.pmtiles', {}, 'POST')).next).toBe(true);
  });
});
