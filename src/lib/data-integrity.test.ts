import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMessages } from '../i18n/messages';
import type { DataFileEntry } from '../contracts/data-files';
import {
  addMismatches,
  compareBytes,
  DataMismatchError,
  expectedFile,
  expectFiles,
  fetchChecked,
  mismatchText,
  onDataMismatch,
} from './data-integrity';

const BASE = 'http://atlas.test/data/';
const bytesOf = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const entryOf = (path: string, text: string): DataFileEntry => ({
  path,
  bytes: bytesOf(text).byteLength,
  sha256: createHash('sha256').update(text).digest('hex'),
});

/** Serves `files` (path → body) from BASE through a stubbed fetch. */
function serve(files: Record<string, string>): void {
  vi.stubGlobal('fetch', async (url: string) => {
    const path = url.slice(BASE.length);
    return path in files ? new Response(files[path]) : new Response('not found', { status: 404 });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  void expectFiles(Promise.resolve([]), (p) => p);
});

// English text is a chunk of its own on the page (src/i18n/messages.ts); in English it is loaded first.
beforeAll(() => loadMessages('en'));

describe('compareBytes', () => {
  const entry = entryOf('explore.json', '{"rows":3}');

  it('accepts the listed bytes', async () => {
    expect(await compareBytes(entry, bytesOf('{"rows":3}'))).toBeNull();
  });

  it('names a size difference before hashing', async () => {
    const subtle = { digest: vi.fn() } as unknown as SubtleCrypto;
    expect(await compareBytes(entry, bytesOf('{"rows":30}'), subtle)).toEqual({
      path: 'explore.json',
      kind: 'size',
      expected: 10,
      actual: 11,
    });
    expect(subtle.digest).not.toHaveBeenCalled();
  });

  it('names a same-size file with other content by its hash', async () => {
    expect(await compareBytes(entry, bytesOf('{"rows":4}'))).toEqual({
      path: 'explore.json',
      kind: 'sha256',
    });
  });

  it('compares sizes only without crypto.subtle (plain http on a LAN address)', async () => {
    expect(await compareBytes(entry, bytesOf('{"rows":4}'), null)).toBeNull();
    expect(await compareBytes(entry, bytesOf('{"rows":40}'), null)).toMatchObject({ kind: 'size' });
  });
});

describe('fetchChecked', () => {
  it('returns a listed file that matches, readable as before', async () => {
    serve({ 'story.json': '{"a":1}' });
    expectFiles(Promise.resolve([entryOf('story.json', '{"a":1}')]), (p) => BASE + p);
    const response = await fetchChecked(`${BASE}story.json`);
    expect(await response.json()).toEqual({ a: 1 });
    expect(expectedFile(`${BASE}story.json`)?.path).toBe('story.json');
  });

  it('throws and reports a file of another build', async () => {
    serve({ 'explore.json': '{"rows":4}' });
    expectFiles(Promise.resolve([entryOf('explore.json', '{"rows":3}')]), (p) => BASE + p);
    const seen: DataMismatchError[] = [];
    const stop = onDataMismatch((e) => seen.push(e));
    const error = await fetchChecked(`${BASE}explore.json`).catch((e: unknown) => e);
    stop();
    expect(error).toBeInstanceOf(DataMismatchError);
    expect((error as Error).message).toMatch(/explore\.json has another SHA-256.*two builds/);
    expect(seen).toEqual([error]);
  });

  it('waits for a manifest still loading before judging', async () => {
    serve({ 'story.json': 'new' });
    let resolve!: (files: DataFileEntry[]) => void;
    expectFiles(new Promise((r) => (resolve = r)), (p) => BASE + p);
    const pending = fetchChecked(`${BASE}story.json`).catch((e: unknown) => e);
    resolve([entryOf('story.json', 'old!')]);
    expect(await pending).toBeInstanceOf(DataMismatchError);
  });

  it('passes unlisted files, failed responses and manifests without a list through', async () => {
    serve({ 'other.json': 'x' });
    expectFiles(Promise.resolve([entryOf('explore.json', 'y')]), (p) => BASE + p);
    expect(await (await fetchChecked(`${BASE}other.json`)).text()).toBe('x');
    expect((await fetchChecked(`${BASE}explore.json`)).status).toBe(404);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expectFiles(Promise.resolve(null), (p) => BASE + p);
    serve({ 'explore.json': 'anything' });
    expect(await (await fetchChecked(`${BASE}explore.json`)).text()).toBe('anything');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('lists no files'));
    expect(expectedFile(`${BASE}explore.json`)).toBeUndefined();
  });
});

describe('mismatchText', () => {
  const error = new DataMismatchError([
    { path: 'explore.json', kind: 'size', expected: 190971, actual: 2783 },
    { path: 'story.json', kind: 'sha256' },
  ]);

  it('says which files and what to do, in both languages', () => {
    expect(mismatchText(error.mismatches, 'zh')).toBe(
      '数据文件与清单不符：explore.json（2,783 字节，清单记为 190,971 字节）；story.json（内容的 SHA-256 与清单不同）。' +
        '数据文件夹混有两次构建的文件：请重新构建数据（npm run build:data），或重新复制整个文件夹。',
    );
    expect(mismatchText(error.mismatches, 'en')).toMatch(
      /^The data files do not match their manifest: explore\.json \(2,783 bytes, the manifest says 190,971\); story\.json .*two builds/,
    );
  });

  it('lists each file once however many loaders found it', () => {
    const again = new DataMismatchError([{ path: 'story.json', kind: 'sha256' }]);
    expect(addMismatches(addMismatches([], error), again).map((m) => m.path)).toEqual([
      'explore.json',
      'story.json',
    ]);
  });
});
