/**
 * Binding a ledger's header row to canonical fields. Headers are compared after trimming,
 * removing whitespace, width folding and stripping a bracketed unit (`中央补助（万元）` → field
 * `fund_central`, unit 万元), case-insensitively for English. Binding happens once per file so
 * rows are read by column index afterwards.
 */
import { matchItemHeader } from './parse/items';
import { headerFullKey, normaliseHeader } from './parse/text';
import type { FieldDefinition } from './schema';

export { normaliseHeader, type HeaderKey } from './parse/text';

/** One column of the file that the pipeline will read. */
export interface ColumnBinding {
  /** 0-based column index. */
  index: number;
  /** The header exactly as written in the file. */
  header: string;
  /** Canonical field the column fills (absent for item columns). */
  field?: string;
  /** Item key for a per-item column (`加装电梯(部)` → `elevator_added`). */
  itemKey?: string;
  /** Unit written in the header's brackets, width-folded (`万元`, `m2`). */
  unit?: string;
}

/** Result of {@link bindColumns}. */
export interface ColumnBindings {
  bindings: ColumnBinding[];
  /** Non-blank headers that match no field (and no item when item columns are enabled). */
  unknown: { index: number; header: string }[];
  /** Required fields with no column. */
  missing: string[];
  /** Fields (or `item_<key>`) claimed by more than one column; the first column wins. */
  duplicates: { field: string; headers: string[] }[];
}

/** Options for {@link bindColumns}. */
export interface BindOptions {
  /** Bind headers that name a renovation item (`加装电梯(部)`) as item columns. Default false. */
  itemColumns?: boolean;
}

const aliasCache = new WeakMap<readonly FieldDefinition[], Map<string, string>>();

/**
 * Alias → field for a field list: every alias, the field name itself (`households`), the Chinese
 * label and the English label, all in header-key form. An alias claimed by two fields goes to the
 * first, matching the order of the schema.
 */
function aliasesOf(fields: readonly FieldDefinition[]): Map<string, string> {
  let map = aliasCache.get(fields);
  if (map) return map;
  map = new Map();
  for (const f of fields) {
    for (const word of [...f.aliases, f.field, f.zh, f.en]) {
      const full = headerFullKey(word);
      if (!map.has(full)) map.set(full, f.field);
      const { key } = normaliseHeader(word);
      if (!map.has(key)) map.set(key, f.field);
    }
  }
  aliasCache.set(fields, map);
  return map;
}

/**
 * Binds each header to a field by exact alias match after normalisation. The whole header is tried
 * first (`企业投入(水电气讯)` is an alias in itself), then the header without its bracketed unit.
 * With `itemColumns`, unmatched headers naming a renovation item become item columns.
 */
export function bindColumns(
  headers: readonly string[],
  fields: readonly FieldDefinition[],
  opts: BindOptions = {},
): ColumnBindings {
  const aliases = aliasesOf(fields);
  const bindings: ColumnBinding[] = [];
  const unknown: ColumnBindings['unknown'] = [];
  const claimed = new Map<string, string[]>();

  headers.forEach((header, index) => {
    if (header.trim() === '') return;
    const { key, unit } = normaliseHeader(header);
    let field = aliases.get(headerFullKey(header));
    let fieldUnit: string | undefined;
    if (field === undefined) {
      field = aliases.get(key);
      fieldUnit = unit;
    }
    let binding: ColumnBinding | undefined;
    let claim: string | undefined;
    if (field !== undefined) {
      binding = fieldUnit ? { index, header, field, unit: fieldUnit } : { index, header, field };
      claim = field;
    } else if (opts.itemColumns) {
      const item = matchItemHeader(header);
      if (item) {
        binding = item.unit
          ? { index, header, itemKey: item.key, unit: item.unit }
          : { index, header, itemKey: item.key };
        claim = `item_${item.key}`;
      }
    }
    if (!binding || !claim) {
      unknown.push({ index, header });
      return;
    }
    const earlier = claimed.get(claim);
    if (earlier) {
      earlier.push(header);
      return;
    }
    claimed.set(claim, [header]);
    bindings.push(binding);
  });

  const missing = fields.filter((f) => f.required && !claimed.has(f.field)).map((f) => f.field);
  const duplicates = [...claimed]
    .filter(([, hs]) => hs.length > 1)
    .map(([field, hs]) => ({ field, headers: hs }));
  return { bindings, unknown, missing, duplicates };
}
