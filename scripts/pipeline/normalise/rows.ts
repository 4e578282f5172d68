/**
 * Which rows of a ledger are data. Bureau spreadsheets end with totals rows (合计, 全市合计,
 * `XX区小计`) and carry blank spacer rows; both are skipped and counted, never read as communities.
 */
import { cellText } from '../../../src/domain/parse/text';
import type { RawCell } from '../table';

/** What a row is. */
export type RowKind = 'blank' | 'total' | 'data';

// A totals label, optionally after a place or scope (全市, 本页, 岳麓区) and before a colon note.
const TOTAL_LABEL =
  /^(?:[\u4e00-\u9fff]{0,8})(?:合计|总计|小计|累计|共计|总合计|汇总)(?:[:：(（].*)?$|^(?:grand)?(?:sub)?total:?$/i;
const ANY_SPACE = /\s+/g;
// Cheap pre-check before the full pattern: every totals label has one of these.
const MAYBE_TOTAL = /[计总]|total/i;
/** Totals labels sit in the first columns (序号, 编号, 区县, 名称); later cells are figures. */
const LABEL_COLUMNS = 4;

/**
 * Classifies a row: `blank` when every cell is empty after trimming, `total` when one of the first
 * four cells reads as a totals label once spaces are removed (`合  计`, `全市合计`, `小计：`), else
 * `data`.
 */
export function classifyRow(cells: readonly RawCell[]): RowKind {
  let blank = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? null;
    if (cell === null) continue;
    if (typeof cell === 'string') {
      const text = cellText(cell);
      if (text === '') continue;
      blank = false;
      if (i < LABEL_COLUMNS && MAYBE_TOTAL.test(text) && TOTAL_LABEL.test(text.replace(ANY_SPACE, ''))) {
        return 'total';
      }
    } else {
      blank = false;
    }
    // Past the label columns one filled cell settles it.
    if (!blank && i >= LABEL_COLUMNS - 1) return 'data';
  }
  return blank ? 'blank' : 'data';
}
