/**
 * Loads the parts of the explore index (src/contracts/explore-binary.ts): each file is fetched
 * whole through `fetchChecked` (checked against the manifest's list, so a part of another build
 * is refused and reported), then decoded in a module worker (./explore-decode.worker.ts) whose
 * typed arrays come back by transfer. Where workers are unavailable, or the worker fails to
 * start, the part is decoded on the main thread instead: slower, never wrong. The decoder is
 * then loaded on that first use: the worker carries its own copy, so the page's first load
 * need not carry a second one.
 */
import { fetchChecked } from '../lib/data-integrity';
import type { DetailsColumns } from '../contracts/explore-binary-read';
import { DERIVE_RULES } from './derive-rules';
import type { DecodedFigures, DecodeReply, DecodeRequest } from './explore-decode-messages';
import { ExploreIndex, ExploreIndexError } from './explore-index';

/** The performance.measure name of decoding a part, for the benchmark (scripts/bench-site.ts). */
export const DECODE_MEASURE = 'explore:decode';

async function fetchPart(url: string): Promise<ArrayBuffer> {
  const response = await fetchChecked(url);
  if (!response.ok) throw new ExploreIndexError(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Decodes `request` on the main thread, the decoder loaded on first use. */
async function decodeHere(request: DecodeRequest): Promise<DecodeReply> {
  const { decodePart } = await import('./explore-decode-part');
  return decodePart(request);
}

/** Decodes in a worker, falling back to the main thread when the worker cannot run. */
function decode(request: DecodeRequest): Promise<DecodeReply> {
  const started = performance.now();
  const measured = (reply: DecodeReply) => {
    performance.measure(`${DECODE_MEASURE}:${request.part}`, { start: started });
    return reply;
  };
  if (typeof Worker === 'undefined') return decodeHere(request).then(measured);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./explore-decode.worker.ts', import.meta.url), { type: 'module' });
    // The bytes go to the worker by transfer; keep a copy only for the fallback, which needs it
    // solely when the worker fails to start (a CSP or an old browser), before it took them.
    const fallback = request.bytes.slice(0);
    worker.onmessage = (event: MessageEvent<DecodeReply>) => {
      worker.terminate();
      resolve(measured(event.data));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      decodeHere({ ...request, bytes: fallback }).then(
        (reply) => resolve(measured(reply)),
        (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))),
      );
    };
    worker.postMessage(request, [request.bytes]);
  });
}

function unwrap<P extends DecodeReply['part']>(
  reply: DecodeReply,
  part: P,
): Extract<DecodeReply, { part: P }> {
  if (reply.part === 'error') throw new ExploreIndexError(reply.message);
  if (reply.part !== part)
    throw new ExploreIndexError(`explore index: asked for the ${part} part, got ${reply.part}`);
  return reply as Extract<DecodeReply, { part: P }>;
}

/** Fetches and decodes the core part at `url` (absolute: see `dataUrl`): the index without its details. */
export async function loadExploreCore(url: string): Promise<ExploreIndex> {
  const reply = unwrap(
    await decode({ part: 'core', bytes: await fetchPart(url), label: url, rules: DERIVE_RULES }),
    'core',
  );
  return new ExploreIndex(reply.core, reply.derived);
}

/** Fetches and decodes the figures part at `url` (funding, people), which must have `count` rows like the core. */
export async function loadExploreFigures(url: string, count: number): Promise<DecodedFigures> {
  const bytes = await fetchPart(url);
  const { figures, derived } = unwrap(
    await decode({ part: 'figures', bytes, label: url, count, rules: DERIVE_RULES }),
    'figures',
  );
  return { figures, derived };
}

/** Fetches and decodes the details part at `url`, which must have `count` rows like the core. */
export async function loadExploreDetails(url: string, count: number): Promise<DetailsColumns> {
  const bytes = await fetchPart(url);
  return unwrap(await decode({ part: 'details', bytes, label: url, count }), 'details').details;
}
