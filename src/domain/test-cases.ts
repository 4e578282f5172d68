/**
 * Test helpers for the table-driven tests of the pure functions: each test file lists its cases,
 * and the check each case runs is written once here.
 */
import { expect, it } from 'vitest';
import type { RawCell } from './cell';

/**
 * One test per case: `fn(input)` equals the case's expected value (deeply, so a case may expect
 * an object). `title` names each test as `it.each` does (`%j` the input, then the expected).
 */
export function itMaps<I, O>(fn: (input: I) => O, cases: [I, O][], title = '%j → %j'): void {
  it.each(cases)(title, (input, expected) => {
    expect(fn(input)).toEqual(expected);
  });
}

/** One test per case: `parse(input)` succeeds with the case's value. */
export function itReads<T>(parse: (input: RawCell) => { ok: boolean }, cases: [RawCell, T][]): void {
  it.each(cases)('reads %j as %j', (input, value) => {
    expect(parse(input)).toEqual({ ok: true, value });
  });
}

/**
 * One test per case: `parse(input)` fails, and its reason contains the case's words. The reason
 * is shown to the person who keeps the ledger, so the tests hold its gist, not its wording.
 */
export function itRejects(parse: (input: RawCell) => { ok: boolean }, cases: [RawCell, string][]): void {
  it.each(cases)('rejects %j (%s)', (input, reason) => {
    expect(parse(input)).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });
}
