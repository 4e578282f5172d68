/**
 * Yes/no cells: 是/否, 有/无, Y/N, yes/no, true/false, 1/0 and the tick and cross marks people
 * type into Excel (✓ √ ✔ / ✗ ✘ ×).
 */
import type { RawCell } from '../cell';
import { fail, type ParseResult } from './result';
import { matchKey } from './text';

const TRUE_WORDS = ['是', '有', 'y', 'yes', 'true', '1', '✓', '√', '✔', '☑', '对'];
const FALSE_WORDS = ['否', '无', '没有', 'n', 'no', 'false', '0', '✗', '✘', '×', '☐', '不是'];

const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ...TRUE_WORDS.map((w) => [w, true] as const),
  ...FALSE_WORDS.map((w) => [w, false] as const),
]);

/** Reads a yes/no cell. Anything else is an error listing the accepted words. */
export function parseBoolean(input: RawCell): ParseResult<boolean> {
  if (typeof input === 'boolean') return { ok: true, value: input };
  if (typeof input === 'number') {
    if (input === 1 || input === 0) return { ok: true, value: input === 1 };
    return fail(`${input} is not a yes/no value (use 1 or 0)`);
  }
  if (input === null || input === undefined) return fail('empty');
  if (input instanceof Date) return fail('a date, not a yes/no value');
  const value = BOOLEAN_WORDS.get(input) ?? BOOLEAN_WORDS.get(matchKey(input));
  if (value === undefined && matchKey(input) === '') return fail('empty');
  return value === undefined
    ? fail('not a yes/no value (use 是/否, 有/无, Y/N or 1/0)')
    : { ok: true, value };
}
