/**
 * Worker: decodes a part of the explore index (src/contracts/explore-binary.ts) and derives the
 * core part's fund totals and item counts, then hands every typed array back by transfer (no
 * copy). At national scale that is tens of milliseconds of loops over 220,000 rows, kept off the
 * main thread while the map draws. Requests and replies: ./explore-load.ts.
 */
import { decodeCorePart, decodeDetailsPart } from '../contracts/explore-binary-read';
import { deriveColumns } from './explore-columns';
import { transferablesOf, type DecodeReply, type DecodeRequest } from './explore-decode-messages';

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  let reply: DecodeReply;
  try {
    if (request.part === 'core') {
      const core = decodeCorePart(request.bytes, request.label);
      reply = { part: 'core', core, derived: deriveColumns(core) };
    } else {
      reply = { part: 'details', details: decodeDetailsPart(request.bytes, request.count, request.label) };
    }
  } catch (e) {
    reply = { part: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply, { transfer: transferablesOf(reply) });
};
