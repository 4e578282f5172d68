/**
 * Finds the header row of a ledger below any title rows, and folds a two-row header (a merged
 * group such as 资金来源（万元） over 中央补助 / 省级补助) into one row of column names.
 */
import type { RawCell } from '../table';

export interface LocateHeaderOptions {
  /** Rows scanned from the top (default 30: ledgers carry a few title and note rows at most). */
  maxScan?: number;
}

export interface HeaderLocation {
  /**
   * 0-based grid index of the header row that data follows: for a two-row header, the lower row.
   * Data rows start at `headerIndex + 1`.
   */
  headerIndex: number;
  /** 1 for a plain header; 2 when a group row at `headerIndex - 1` was folded in. */
  headerRows: 1 | 2;
  /** Column names, trimmed: sub-headers under a group carry the group's unit when they lack one. */
  headers: string[];
}

/** Known headers a row must contain to count as the header row. */
const MIN_KNOWN = 2;

/**
 * Locates the header row: among the first `maxScan` rows, the one with the most cells that
 * `isKnownHeader` accepts (at least 2; the earliest wins a tie). Title rows above it (a merged
 * "XX市2023年老旧小区改造项目台账", "填报日期：2023年12月") match nothing and are passed over.
 *
 * Two-row headers: when the row just above or below the chosen one also has at least 2 known
 * headers, and the upper of the pair holds a group cell (one value spanning several columns,
 * either repeated across them as a filled merge or followed by empty cells as CSV writes a
 * merge, with different sub-headers below), the pair is folded: each column takes the lower
 * row's text where present, else the upper's, and a sub-header without a unit in brackets takes
 * its group's (资金来源（万元） over 中央补助 → 中央补助（万元）).
 *
 * Returns null when no row has 2 known headers.
 */
export function locateHeader(
  grid: RawCell[][],
  isKnownHeader: (text: string) => boolean,
  options: LocateHeaderOptions = {},
): HeaderLocation | null {
  const scan = Math.min(grid.length, options.maxScan ?? 30);
  const texts = grid.slice(0, scan).map((row) => row.map(cellText));
  const known = texts.map((row) => row.filter((t) => t !== '' && isKnownHeader(t)).length);

  let best = -1;
  for (let i = 0; i < scan; i++) {
    if ((known[i] ?? 0) >= MIN_KNOWN && (best < 0 || (known[i] ?? 0) > (known[best] ?? 0))) best = i;
  }
  if (best < 0) return null;

  // The group row may sit above the chosen row (filled merges make the sub-header row the fuller
  // one) or be the chosen row itself (a CSV export leaves the sub-header row sparse).
  for (const upper of [best - 1, best]) {
    const top = texts[upper];
    const bottom = texts[upper + 1];
    if (!top || !bottom || (known[upper] ?? 0) < MIN_KNOWN || (known[upper + 1] ?? 0) < MIN_KNOWN) continue;
    const headers = foldTwoRowHeader(top, bottom);
    if (headers) return { headerIndex: upper + 1, headerRows: 2, headers };
  }
  return { headerIndex: best, headerRows: 1, headers: texts[best] ?? [] };
}

/**
 * Folds a group row over a sub-header row, or returns null when the upper row has no group cell
 * (then the pair is a header and a data row that happens to contain header words).
 */
function foldTwoRowHeader(top: string[], bottom: string[]): string[] | null {
  const width = Math.max(top.length, bottom.length);
  const headers: string[] = [];
  let sawGroup = false;
  // The group covering the current column when the upper row is empty there (CSV-style merge).
  let openGroup: string | null = null;
  for (let c = 0; c < width; c++) {
    const upper = top[c] ?? '';
    const lower = bottom[c] ?? '';
    if (upper !== '') {
      // A cell opens a group when it spans to the right over different sub-headers.
      const spansRight = top[c + 1] === upper || (top[c + 1] === '' && (bottom[c + 1] ?? '') !== '');
      const isGroup = lower !== '' && lower !== upper && (spansRight || top[c - 1] === upper);
      openGroup = isGroup ? upper : null;
      if (isGroup) sawGroup = true;
    } else if (lower === '') {
      openGroup = null;
    }
    if (lower === '') headers.push(upper);
    else if (openGroup === null) headers.push(lower);
    else headers.push(withGroupUnit(lower, openGroup));
  }
  return sawGroup ? headers : null;
}

/** A unit in brackets at the end of a header: （万元）, (万元), 【㎡】. */
const UNIT_SUFFIX = /[（(【[][^（）()【】[\]]*[）)】\]]\s*$/;

/** The sub-header with its group's bracketed unit appended, unless it already has a unit. */
function withGroupUnit(subHeader: string, group: string): string {
  if (UNIT_SUFFIX.test(subHeader)) return subHeader;
  const unit = UNIT_SUFFIX.exec(group);
  return unit ? subHeader + unit[0].trim() : subHeader;
}

/** Header text of a cell: trimmed string, number as written, empty for anything else. */
export function cellText(cell: RawCell | undefined): string {
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return '';
}
