/**
 * Renovation items, from a free-text list (`加装电梯2部、外墙保温1.2万平方米；雨污分流`) or from a
 * column per item (`加装电梯(部)`). Words are matched against the item vocabulary by the longest
 * keyword, so 智能充电桩 is a charger, not a smart system; words that match nothing are kept verbatim.
 */
import { ITEM_BY_KEY, ITEMS, type ItemDefinition } from '../vocabulary';
import { itemKeywords } from '../ledger-words';
import { tidy } from './numbers';
import { foldWidth, isPlaceholder, normaliseHeader } from './text';

/** One item found in a list, with its count when the ledger gave one. */
export interface ItemMention {
  key: string;
  count?: number;
  /** Unit written with the count (`部`, `个`, `平方米`). */
  unit?: string;
}

/** Result of {@link parseItems}. */
export interface ParsedItems {
  /** Items in the order they were written; an item named twice appears twice. */
  items: ItemMention[];
  /** Parts that matched no vocabulary item, verbatim. */
  other: string[];
}

interface Keyword {
  word: string;
  item: ItemDefinition;
}

// Longest first, so the first keyword found at a position is the most specific one.
const KEYWORDS: readonly Keyword[] = ITEMS.flatMap((item) =>
  [...itemKeywords(item.key), item.zh].map((word) => ({ word: foldWidth(word), item })),
).sort((a, b) => b.word.length - a.word.length);

// Separators of 、 , ， ; ； / ／ and line breaks; a comma between digits with a three-digit group
// after it is a thousands separator (停车位1,200个) and does not split.
const SPLIT = /[、;；/／\n\r。]+|(?<!\d)[,，]|[,，](?!\d{3}(?:\D|$))/;
// Circled numbers (①②) enumerate list entries; they would fold to plain digits and read as counts.
const CIRCLED = /[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe]/g;
// `1、加装电梯 2、外墙` and `（1）…`: list numbers at the start of a line or after a separator.
const LIST_NUMBER = /(^|[\s;；。,，、])[(（]?\d{1,2}[、.．)）](?=\D)/g;
const ENUMERATOR = /^(?:[(]?\d{1,2}[).、]|[a-z][.)]|[一二三四五六七八九十]+[、.])\s*(?=\D)/i;
const THOUSANDS = /(\d),(?=\d{3}(?!\d))/g;
const EDGE_PUNCTUATION = /^[\s.。:：·]+|[\s.。:：·]+$/g;

const COUNT_UNITS =
  '平方米|平米|立方米|公里|延米|米|部|台|个|处|套|盏|户|栋|幢|座|间|根|块|株|棵|组|条|项|只|扇|樘|辆|家|所|吨|口|路';
const ASCII_UNITS = 'm2|m3|km|m';
// A number followed by a recognised unit, or by nothing that continues it: `6层`, `2号楼` and
// `2023年` describe the item and are not counts. ASCII units must not run on (300mm is not 300 m).
const COUNT = new RegExp(
  `(\\d+(?:\\.\\d+)?)(千万|百万|万|亿|千)?(?:余|多)?(?:(${COUNT_UNITS})|(${ASCII_UNITS})(?![a-z\\d])|(?![\\d.\\u4e00-\\u9fffa-z]))`,
  'gi',
);
const MAGNITUDE: Readonly<Record<string, number>> = { 千: 1e3, 万: 1e4, 百万: 1e6, 千万: 1e7, 亿: 1e8 };
const UNIT_ALIASES: Readonly<Record<string, string>> = {
  平米: '平方米',
  m2: '平方米',
  m3: '立方米',
  km: '公里',
};

interface Match {
  item: ItemDefinition;
  start: number;
  end: number;
}

interface PartResult {
  items: ItemMention[];
  other: boolean;
}

function findKeywords(part: string): Match[] {
  const matches: Match[] = [];
  const covered = new Uint8Array(part.length);
  for (const { word, item } of KEYWORDS) {
    let at = part.indexOf(word);
    while (at >= 0) {
      const end = at + word.length;
      if (!covered.subarray(at, end).some(Boolean)) {
        covered.fill(1, at, end);
        if (!matches.some((m) => m.item === item)) matches.push({ item, start: at, end });
      }
      at = part.indexOf(word, end);
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

function parsePart(part: string): PartResult {
  const folded = foldWidth(part).replace(ENUMERATOR, '').replace(THOUSANDS, '$1');
  const matches = findKeywords(folded);
  if (matches.length === 0) return { items: [], other: true };

  // Each count goes to the nearest item named before it (加装电梯2部), else the first after it
  // (新增120个停车位); among several counts for one item, the one in the item's own unit wins.
  const candidates = new Map<ItemDefinition, { count: number; unit?: string }[]>();
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(folded); m; m = COUNT.exec(folded)) {
    const at = m.index;
    if (matches.some((k) => at >= k.start && at < k.end)) continue;
    const before = matches.filter((k) => k.end <= at);
    const owner = before.length > 0 ? before[before.length - 1] : matches.find((k) => k.start > at);
    if (!owner) continue;
    const magnitude = m[2] ? (MAGNITUDE[m[2]] ?? 1) : 1;
    const count = tidy(Number(m[1]) * magnitude);
    const written = (m[3] ?? m[4])?.toLowerCase();
    const unit = written ? (UNIT_ALIASES[written] ?? written) : undefined;
    const list = candidates.get(owner.item) ?? [];
    list.push(unit ? { count, unit } : { count });
    candidates.set(owner.item, list);
  }

  const items = matches.map(({ item }): ItemMention => {
    const list = candidates.get(item);
    const chosen = list?.find((c) => c.unit !== undefined && c.unit === item.unit) ?? list?.[0];
    return chosen ? { key: item.key, ...chosen } : { key: item.key };
  });
  return { items, other: false };
}

// Ledgers repeat the same phrases thousands of times; remembering parts keeps bulk parsing cheap.
const PART_CACHE = new Map<string, PartResult>();
const PART_CACHE_LIMIT = 20_000;

/**
 * Reads a free-text item list. Splits on 、 , ， ; ； / ／ 。 and line breaks (and ①② enumerations),
 * finds the vocabulary items in each part by longest keyword, and attaches counts with their
 * units (`加装电梯2部`, `停车位120个`, `外墙保温1.2万平方米` → 12000 平方米). Parts that match no
 * item are returned verbatim in `other`.
 */
export function parseItems(text: string): ParsedItems {
  const cached = TEXT_CACHE.get(text);
  if (cached) return { items: cached.items.map((m) => ({ ...m })), other: [...cached.other] };
  const result = parseItemsUncached(text);
  if (TEXT_CACHE.size >= PART_CACHE_LIMIT) TEXT_CACHE.clear();
  TEXT_CACHE.set(text, { items: result.items.map((m) => ({ ...m })), other: [...result.other] });
  return result;
}

// Whole cells repeat too (the same list pasted down a column).
const TEXT_CACHE = new Map<string, ParsedItems>();

function parseItemsUncached(text: string): ParsedItems {
  const result: ParsedItems = { items: [], other: [] };
  for (const raw of text.replace(CIRCLED, '\n').replace(LIST_NUMBER, '$1\n').split(SPLIT)) {
    const part = raw.replace(EDGE_PUNCTUATION, '');
    if (part === '' || isPlaceholder(part)) continue;
    let parsed = PART_CACHE.get(part);
    if (!parsed) {
      parsed = parsePart(part);
      if (PART_CACHE.size >= PART_CACHE_LIMIT) PART_CACHE.clear();
      PART_CACHE.set(part, parsed);
    }
    if (parsed.other) result.other.push(part);
    for (const mention of parsed.items) result.items.push({ ...mention });
  }
  return result;
}

// Words that may surround an item's keyword in a column header without changing its meaning.
const HEADER_AFFIXES =
  /^(?:改造|新增|增设|新建|新装|更换|数量|个数|总数|处数|数|面积|长度|是否|有无|整治|提升|更新|建设|完善|修缮|维修|设施|工程量|工程|情况|项目|规模|内容)*$/;
const ITEM_BY_ZH: ReadonlyMap<string, ItemDefinition> = new Map(ITEMS.map((i) => [foldWidth(i.zh), i]));

/**
 * Recognises a column that holds one item (`加装电梯(部)`, `停车位（个）`, `外立面`, `是否加装电梯`,
 * `item_parking`). The header must be the item's keyword plus only generic words such as 改造,
 * 新增, 数量; `供暖方式` is not a heating column. Returns the item key and the header's unit.
 */
export function matchItemHeader(header: string): { key: string; unit?: string } | null {
  const { key, unit } = normaliseHeader(header);
  const withUnit = (k: string): { key: string; unit?: string } => (unit ? { key: k, unit } : { key: k });
  const byKey = ITEM_BY_KEY.get(key.startsWith('item_') ? key.slice(5) : key) ?? ITEM_BY_ZH.get(key);
  if (byKey) return withUnit(byKey.key);

  const first = KEYWORDS.find((k) => key.includes(k.word));
  if (!first) return null;
  let rest = key;
  for (const k of KEYWORDS) if (k.item === first.item) rest = rest.split(k.word).join('');
  return HEADER_AFFIXES.test(rest) ? withUnit(first.item.key) : null;
}
