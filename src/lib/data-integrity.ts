/**
 * Refuses a data folder that mixes two builds. The manifest lists every other file of its build
 * with its size and SHA-256 (`files`, src/contracts/data-files.ts). Files the site fetches whole
 * (the explore parts, story.json, aggregates/…) go through `fetchChecked`, which compares what arrived
 * with the entry; the PMTiles archives, read by byte range, are checked by their total size
 * (src/map/checked-pmtiles-source.ts). A mismatch is thrown to the loader as DataMismatchError
 * and reported to the page (`onDataMismatch`), which then shows the error instead of the map:
 * one file of another build makes the whole folder suspect.
 *
 * SHA-256 needs `crypto.subtle`, which browsers give only to secure contexts: https and
 * http://localhost, not plain http on a LAN address. The meeting-room server (public/serve.mjs)
 * is opened exactly so, as http://<lan-ip>:8080; there only sizes are compared, which still
 * catches almost every mix (two builds' files rarely agree to the byte).
 *
 * A manifest without `files` (a build older than the list) is accepted unchecked, with a warning.
 */
import { storedPath, type DataFileEntry } from '../contracts/data-files';
import { fillPlaceholders, message, type Lang } from '../i18n/messages';
import { formatPlain } from './format';

/** How one file differs from its manifest entry. */
export type FileMismatch =
  { path: string; kind: 'size'; expected: number; actual: number } | { path: string; kind: 'sha256' };

/** Files of the data folder do not match its manifest. */
export class DataMismatchError extends Error {
  override name = 'DataMismatchError';

  constructor(readonly mismatches: readonly FileMismatch[]) {
    super(
      `data files do not match manifest.json: ${mismatches.map(describeEnglish).join('; ')} ` +
        `(the data folder mixes files from two builds: rebuild it or copy the whole folder again)`,
    );
  }
}

function describeEnglish(m: FileMismatch): string {
  return m.kind === 'size'
    ? `${m.path} is ${m.actual} bytes, the manifest says ${m.expected}`
    : `${m.path} has another SHA-256 than the manifest's`;
}

/** The page's text for mismatches found (one or more errors' worth), in `lang`. */
export function mismatchText(mismatches: readonly FileMismatch[], lang: Lang): string {
  const text = (key: 'data.mismatch' | 'data.mismatch_size' | 'data.mismatch_sha256') => message(lang, key);
  // Sizes in full: two builds' files a few bytes apart must not both read "19.1万".
  const files = mismatches.map((m) =>
    m.kind === 'size'
      ? fillPlaceholders(text('data.mismatch_size'), {
          path: m.path,
          actual: formatPlain(m.actual, lang, 0),
          expected: formatPlain(m.expected, lang, 0),
        })
      : fillPlaceholders(text('data.mismatch_sha256'), { path: m.path }),
  );
  return fillPlaceholders(text('data.mismatch'), { files: files.join(lang === 'zh' ? '；' : '; ') });
}

/** `known` plus the mismatches of `error` on files it does not name yet: what the page shows. */
export function addMismatches(known: readonly FileMismatch[], error: DataMismatchError): FileMismatch[] {
  const paths = new Set(known.map((m) => m.path));
  return [...known, ...error.mismatches.filter((m) => !paths.has(m.path))];
}

const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Compares downloaded bytes with their entry: the size, then the SHA-256 when `subtle` is given
 * (null outside a secure context; see the module comment). Returns the mismatch or null.
 */
export async function compareBytes(
  entry: DataFileEntry,
  bytes: ArrayBuffer,
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null,
): Promise<FileMismatch | null> {
  if (bytes.byteLength !== entry.bytes)
    return { path: entry.path, kind: 'size', expected: entry.bytes, actual: bytes.byteLength };
  if (!subtle) return null;
  return hex(await subtle.digest('SHA-256', bytes)) === entry.sha256
    ? null
    : { path: entry.path, kind: 'sha256' };
}

type Listener = (error: DataMismatchError) => void;
const listeners = new Set<Listener>();

/** Calls `listener` on every mismatch any loader finds. Returns the unsubscribe function. */
export function onDataMismatch(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the page about a mismatch and returns the error, for the loader to throw. */
export function reportMismatch(mismatches: readonly FileMismatch[]): DataMismatchError {
  const error = new DataMismatchError(mismatches);
  for (const listener of listeners) listener(error);
  return error;
}

/** The listed files by absolute URL, once the manifest is in; null when it lists none. */
let expected: Promise<ReadonlyMap<string, DataFileEntry> | null> = Promise.resolve(null);
let expectedNow: ReadonlyMap<string, DataFileEntry> | null = null;

/**
 * Sets the files the checks expect: the manifest's list (a promise, so loaders started beside
 * the manifest fetch wait for it) and how a listed path becomes the URL the loaders fetch.
 * `urlOf` is given the name the file is stored under (`storedPath`). `loadManifest` calls it.
 * Resolves once the list is in place.
 */
export async function expectFiles(
  files: Promise<readonly DataFileEntry[] | null>,
  urlOf: (path: string) => string,
): Promise<void> {
  expectedNow = null;
  expected = files.then(
    (list) => {
      if (!list) {
        console.warn(
          'manifest.json lists no files (built before the list existed): data files are not checked',
        );
        return null;
      }
      // By the name the file is stored under (content-hashed or plain): what the loaders fetch.
      expectedNow = new Map(list.map((f) => [urlOf(storedPath(f)), f]));
      return expectedNow;
    },
    () => null,
  );
  await expected;
}

/** The entry of the file at `url`, if the loaded manifest lists it (for the PMTiles sources). */
export function expectedFile(url: string): DataFileEntry | undefined {
  return expectedNow?.get(url);
}

/**
 * `fetch` for a file of the data folder fetched whole: when the manifest lists it, the body is
 * checked against its entry and a mismatch thrown (and reported) as DataMismatchError. Other
 * responses, failed ones included, are returned as they came for the caller to judge.
 */
export async function fetchChecked(url: string): Promise<Response> {
  const [response, files] = await Promise.all([fetch(url), expected]);
  const entry = files?.get(url);
  if (!response.ok || !entry) return response;
  const bytes = await response.arrayBuffer();
  const mismatch = await compareBytes(entry, bytes);
  if (mismatch) throw reportMismatch([mismatch]);
  return new Response(bytes, { status: response.status, statusText: response.statusText });
}
