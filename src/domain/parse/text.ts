/**
 * Text helpers shared by every cell parser: width folding and turning a raw cell into text.
 * Ledgers typed on Chinese input methods mix full-width digits and brackets (１２３, （万元）)
 * with half-width ones; parsers fold before matching, while names and notes are kept as written.
 */
import type { RawCell } from '../cell';

// Strings made only of printable ASCII, common whitespace and CJK unified ideographs are already
// NFKC-stable; skipping normalize() for them keeps bulk parsing cheap.
const NEEDS_FOLD = /[^\t\n\r\x20-\x7e\u4e00-\u9fff]/;

/**
 * Folds full-width forms to half-width (NFKC): `１２３` → `123`, `（万元）` → `(万元)`, `，` → `,`,
 * the ideographic space to a space, `㎡` → `m2`. CJK ideographs are unchanged.
 */
export function foldWidth(s: string): string {
  return NEEDS_FOLD.test(s) ? s.normalize('NFKC') : s;
}

const ALL_WHITESPACE = /\s+/g;

/** Removes every whitespace character (spaces, ideographic spaces, line breaks inside a cell). */
export function removeSpaces(s: string): string {
  return s.replace(ALL_WHITESPACE, '');
}

/**
 * The form vocabulary words are compared in: width folded, whitespace removed, ASCII lowercased
 * (Chinese has no case, so lowercasing only affects English words).
 */
export function matchKey(s: string): string {
  return removeSpaces(foldWidth(s)).toLowerCase();
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `YYYY-MM-DD` from a Date's UTC parts (xlsx readers put dates at UTC midnight). */
export function utcDateString(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function isZeroWidth(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

/**
 * A raw cell as trimmed text: null → '', numbers via String(), booleans → 'true'/'false', Dates
 * → `YYYY-MM-DD` (UTC) or a full ISO timestamp when they carry a time of day. Zero-width
 * characters pasted from web pages are trimmed along with whitespace.
 */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    let s = cell.trim();
    while (s.length > 0 && (isZeroWidth(s.charCodeAt(0)) || isZeroWidth(s.charCodeAt(s.length - 1)))) {
      s = s.replace(/^[\u200b-\u200d\u2060\ufeff]+|[\u200b-\u200d\u2060\ufeff]+$/g, '').trim();
    }
    return s;
  }
  if (typeof cell === 'number') return Object.is(cell, -0) ? '0' : String(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return '';
    return t % 86_400_000 === 0 ? utcDateString(cell) : cell.toISOString();
  }
  return String(cell);
}

// Text without upper case, whitespace or foldable characters is its own match key.
const CHANGED_BY_MATCH_KEY = /[^\x21-\x40\x5b-\x7e\u4e00-\u9fff]/;
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '-',
  '--',
  '---',
  '—',
  '——',
  '–',
  '/',
  '//',
  '\\',
  '无',
  '暂无',
  '空',
  'n/a',
  'na',
  'null',
  'none',
]);

/**
 * True for the marks offices type into a cell to mean "nothing here" (`/`, `—`, `无`, `暂无`,
 * `N/A`). Numeric, date and vocabulary fields treat them as empty rather than as errors.
 */
export function isPlaceholder(text: string): boolean {
  if (text.length > 4) return false;
  if (PLACEHOLDERS.has(text)) return true;
  return CHANGED_BY_MATCH_KEY.test(text) && PLACEHOLDERS.has(matchKey(text));
}

/** A column header reduced to the form aliases are compared in, with its bracketed unit. */
export interface HeaderKey {
  key: string;
  unit?: string;
}

const HEADER_MARKS = /^[*※★#]+|[*※★:]+$/g;
const TRAILING_UNIT = /^(.+?)[([【〔]([^()[\]【】〔〕]*)[)\]】〕]$/;

/**
 * Normalises a column header: trims, removes all whitespace (Excel headers often wrap onto two
 * lines), folds width, drops required-field marks (`*小区名称`), strips a trailing unit in (), （）,
 * [] or 【】 and returns it, and lowercases ASCII: `中央补助\n（万元）` → `{ key: '中央补助', unit: '万元' }`.
 */
export function normaliseHeader(header: string): HeaderKey {
  const folded = matchKey(header).replace(HEADER_MARKS, '');
  const m = TRAILING_UNIT.exec(folded);
  if (!m) return { key: folded };
  const unit = m[2] ?? '';
  return unit === '' ? { key: m[1] ?? '' } : { key: m[1] ?? '', unit };
}

/** The whole header in comparison form, unit brackets kept (`企业投入(水电气讯)` is itself an alias). */
export function headerFullKey(header: string): string {
  return matchKey(header).replace(HEADER_MARKS, '');
}
