/**
 * Worker: decodes a part of the explore index (src/contracts/explore-binary.ts) and derives the
 * core part's item counts and the figures part's fund totals, then hands every typed array back by transfer (no
 * copy). At national scale that is tens of milliseconds of loops over 220,000 rows, kept off the
 * main thread while the map draws. Requests and replies: ./explore-load.ts.
 */
import { decodePart } from './explore-decode-part';
import { transferablesOf, type DecodeReply, type DecodeRequest } from './explore-decode-messages';

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  let reply: DecodeReply;
  try {
    reply = decodePart(event.data);
  } catch (e) {
    reply = { part: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply, { transfer: transferablesOf(reply) });
};
