/**
 * What the page and the decoding worker (./explore-decode.worker.ts) send each other: the bytes
 * of one part of the explore index, and its typed arrays back.
 */
import type { CoreColumns, DetailsColumns, FiguresColumns } from '../contracts/explore-binary-read';
import type { DeriveRules } from './derive-rules';
import type { DerivedColumns, DerivedFigures } from './explore-columns';

/** The figures part decoded, with what the index derives from it. */
export interface DecodedFigures {
  figures: FiguresColumns;
  derived: DerivedFigures;
}

/**
 * A part's bytes to decode; `label` names the file in error messages, `rules` are the
 * vocabulary's rules the derivations apply (the worker does not import the vocabulary).
 */
export type DecodeRequest =
  | { part: 'core'; bytes: ArrayBuffer; label: string; rules: DeriveRules }
  | { part: 'figures'; bytes: ArrayBuffer; label: string; count: number; rules: DeriveRules }
  | { part: 'details'; bytes: ArrayBuffer; label: string; count: number };

/** The decoded part, or why it could not be decoded. */
export type DecodeReply =
  | { part: 'core'; core: CoreColumns; derived: DerivedColumns }
  | { part: 'figures'; figures: FiguresColumns; derived: DerivedFigures }
  | { part: 'details'; details: DetailsColumns }
  | { part: 'error'; message: string };

/**
 * The distinct buffers under every typed array of `value` (searched through plain objects and
 * arrays), for `postMessage`'s transfer list: several columns may view one buffer, and a buffer
 * listed twice is an error.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
    } else if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) visit(x);
    } else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) visit(x);
  };
  visit(value);
  return [...buffers];
}
