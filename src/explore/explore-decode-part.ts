/**
 * Decodes one part of the explore index and derives what the index computes from it: the work
 * the decoding worker (./explore-decode.worker.ts) does, and the main thread where no worker runs.
 */
import { decodeCorePart, decodeDetailsPart, decodeFiguresPart } from '../contracts/explore-binary-read';
import { deriveColumns, deriveFigures } from './explore-columns';
import type { DecodeReply, DecodeRequest } from './explore-decode-messages';

/** The decoded part a request asks for; throws ExploreBinaryError when the bytes are not that part. */
export function decodePart(request: DecodeRequest): DecodeReply {
  switch (request.part) {
    case 'core': {
      const core = decodeCorePart(request.bytes, request.label);
      return { part: 'core', core, derived: deriveColumns(core, request.rules) };
    }
    case 'figures': {
      const figures = decodeFiguresPart(request.bytes, request.count, request.label);
      return { part: 'figures', figures, derived: deriveFigures(figures, request.rules) };
    }
    case 'details':
      return { part: 'details', details: decodeDetailsPart(request.bytes, request.count, request.label) };
  }
}
