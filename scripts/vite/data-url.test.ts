import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexHtmlTransformHook, UserConfig } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveAtlasConfig } from '../basemap/online-basemaps';
import { dataUrlPlugin, parseDataUrl, resolveDataUrl } from './data-url';

const PAGE = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'" />`;

describe('parseDataUrl', () => {
  it('accepts an absolute http(s) folder URL and makes it end in /', () => {
    expect(parseDataUrl('https://bucket.oss-cn-hangzhou.aliyuncs.com/atlas', 'x')).toBe(
      'https://bucket.oss-cn-hangzhou.aliyuncs.com/atlas/',
    );
    expect(parseDataUrl(' http://127.0.0.1:8081/ ', 'x')).toBe('http://127.0.0.1:8081/');
  });

  it.each([
    ['data/', /ATLAS_DATA_URL "data\/" is not the absolute http/],
    ['ftp://host/data', /must use http:\/\/ or https:\/\/, not ftp:/],
    ['https://user:secret@host/data', /must not hold a user name or password/],
    ['https://host/data?v=1', /must not have a query or fragment/],
    ['https://host/data/manifest.json', /names the manifest; give the folder/],
    ['', /must be the absolute http/],
  ])('refuses %j with a message saying why', (value, message) => {
    expect(() => parseDataUrl(value, 'ATLAS_DATA_URL')).toThrow(message);
  });
});

describe('resolveDataUrl', () => {
  const config = { data_url: 'https://cdn.example.com/atlas/' };

  it('takes the environment over the configuration, and the configuration over nothing', () => {
    expect(resolveDataUrl(config, { ATLAS_DATA_URL: 'https://other.example.com/d' })).toBe(
      'https://other.example.com/d/',
    );
    expect(resolveDataUrl(config, {})).toBe('https://cdn.example.com/atlas/');
    expect(resolveDataUrl({}, {})).toBeNull();
    expect(resolveDataUrl(null, { ATLAS_DATA_URL: '' })).toBeNull();
  });

  it('names the configuration key in its message', () => {
    expect(() => resolveDataUrl({ data_url: 42 }, {}, 'atlas.config.json')).toThrow(
      /atlas\.config\.json data_url must be the absolute http/,
    );
  });

  it('is a key the basemap configuration accepts', () => {
    expect(() => resolveAtlasConfig(config, {})).not.toThrow();
  });
});

describe('dataUrlPlugin', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'data-url-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  type ConfigHook = (user: UserConfig) => UserConfig;
  const hooks = (env: Record<string, string>) => {
    const plugin = dataUrlPlugin(env);
    const config = (plugin.config as ConfigHook)({ root });
    const html = plugin.transformIndexHtml as { handler: IndexHtmlTransformHook };
    const page = (html.handler as (h: string) => string)(PAGE);
    return { config, page };
  };

  it('defines the URL for the site, turns off the public copy and adds only the origin to connect-src', () => {
    const { config, page } = hooks({ ATLAS_DATA_URL: 'http://127.0.0.1:8081/data', ATLAS_CONFIG: 'none' });
    expect(config.define).toEqual({ 'import.meta.env.ATLAS_DATA_URL': '"http://127.0.0.1:8081/data/"' });
    expect(config.build).toEqual({ copyPublicDir: false });
    expect(page).toContain("connect-src 'self' http://127.0.0.1:8081;");
    expect(page).toContain("img-src 'self' data:;");
  });

  it('reads data_url from atlas.config.json in the root', async () => {
    await writeFile(
      join(root, 'atlas.config.json'),
      JSON.stringify({ data_url: 'https://cdn.example.com/a' }),
    );
    const { config, page } = hooks({});
    expect(config.define).toEqual({ 'import.meta.env.ATLAS_DATA_URL': '"https://cdn.example.com/a/"' });
    expect(page).toContain("connect-src 'self' https://cdn.example.com;");
  });

  it('changes nothing without a data_url', () => {
    const { config, page } = hooks({ ATLAS_CONFIG: 'none' });
    expect(config.define).toEqual({ 'import.meta.env.ATLAS_DATA_URL': '""' });
    expect(config.build).toBeUndefined();
    expect(page).toBe(PAGE);
  });
});
