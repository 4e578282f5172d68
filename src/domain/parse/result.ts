/**
 * The shape every cell parser returns. Parsers never throw on bad input: a ledger cell that
 * cannot be read is a row error with a reason a person can act on, so the reason travels back
 * as data.
 */

/** A failed parse; `reason` is shown to the person who maintains the ledger. */
export interface ParseFailure {
  ok: false;
  reason: string;
}

/** A successful parse carrying `value`. */
export interface ParseSuccess<T> {
  ok: true;
  value: T;
}

/** Result of parsing one cell. */
export type ParseResult<T> = ParseSuccess<T> | ParseFailure;

/** Shorthand for a failure. */
export function fail(reason: string): ParseFailure {
  return { ok: false, reason };
}
