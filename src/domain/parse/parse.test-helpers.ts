/**
 * Test helpers for the cell parsers: every parser's rejections are checked the same way, so the
 * check is written once here and each test file lists only its cases.
 */
import { expect, it } from 'vitest';
import type { RawCell } from '../cell';

/**
 * One test per case: `parse(input)` fails, and its reason contains the case's words. The reason
 * is shown to the person who keeps the ledger, so the tests hold its gist, not its wording.
 */
export function itRejects(parse: (input: RawCell) => { ok: boolean }, cases: [RawCell, string][]): void {
  it.each(cases)('rejects %j (%s)', (input, reason) => {
    expect(parse(input)).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });
}
