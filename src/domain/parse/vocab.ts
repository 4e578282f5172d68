/**
 * Cells that must hold a word from a controlled vocabulary (stage, coordinate system, location
 * precision, amenity type). Matching is exact after trimming, width folding and removing spaces,
 * case-insensitive for English. An unknown word is an error, never a guess.
 */
import type { RawCell } from '../cell';
import {
  AMENITY_TYPES,
  CRS_WORDS,
  LOCATION_PRECISION_WORDS,
  STAGE_WORDS,
  STAGES,
  type Crs,
  type LocationPrecision,
  type Stage,
} from '../vocabulary';
import { amenityAliases } from '../ledger-words';
import { fail, type ParseResult } from './result';
import { cellText, matchKey } from './text';

function lookup<T>(entries: Iterable<readonly [T, readonly string[]]>, key = matchKey): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of entries) {
    for (const w of words) if (!map.has(key(w))) map.set(key(w), value);
  }
  return map;
}

function entriesOf<K extends string>(record: Record<K, readonly string[]>): [K, readonly string[]][] {
  return Object.entries(record) as [K, readonly string[]][];
}

/**
 * Reads a cell that must hold a word of one vocabulary: empty is an error, `find` looks the
 * word up, and a word it does not know is an error whose reason `unknown` writes.
 */
function readWord<T>(
  input: RawCell,
  find: (text: string) => T | undefined,
  unknown: (text: string) => string,
): ParseResult<T> {
  const text = cellText(input);
  if (text === '') return fail('empty');
  const value = find(text);
  return value ? { ok: true, value } : fail(unknown(text));
}

/** Looks a word up as written, then by its match key. */
const inVocabulary =
  <T>(byWord: ReadonlyMap<string, T>) =>
  (text: string): T | undefined =>
    byWord.get(text) ?? byWord.get(matchKey(text));

const STAGE_BY_WORD = lookup(entriesOf(STAGE_WORDS));
const STAGE_HINT = STAGES.map((s) => STAGE_WORDS[s][0]).join(', ');

/**
 * Reads a renovation stage: one of the words in STAGE_WORDS (在建, 已完工, 通过验收 …) or the
 * English stage name.
 */
export function parseStage(input: RawCell): ParseResult<Stage> {
  return readWord(
    input,
    inVocabulary(STAGE_BY_WORD),
    (text) => `unknown stage "${text}"; use one of ${STAGE_HINT} (or their synonyms) or ${STAGES.join('/')}`,
  );
}

// Coordinate system names are written with and without separators (GCJ-02, GCJ02, gcj_02).
const crsKey = (s: string): string => matchKey(s).replace(/[-_]/g, '');
const CRS_BY_WORD = lookup(entriesOf(CRS_WORDS), crsKey);
const CRS_SUFFIX = /(坐标系统|坐标系|坐标)$/;

/**
 * Reads a coordinate system: WGS84, GCJ-02 (火星/高德/腾讯), BD-09 (百度), CGCS2000 (国家2000/天地图),
 * with or without separators and with a trailing 坐标/坐标系 (`百度坐标系`).
 */
export function parseCrs(input: RawCell): ParseResult<Crs> {
  return readWord(
    input,
    (text) => {
      const key = crsKey(text);
      return CRS_BY_WORD.get(text) ?? CRS_BY_WORD.get(key) ?? CRS_BY_WORD.get(key.replace(CRS_SUFFIX, ''));
    },
    (text) => `unknown coordinate system "${text}"; use WGS84, GCJ-02 (高德/腾讯), BD-09 (百度) or CGCS2000`,
  );
}

const PRECISION_BY_WORD = lookup(entriesOf(LOCATION_PRECISION_WORDS));

/** Reads a location precision: exact (精确/门牌/小区), street (街道/社区) or district (区县). */
export function parseLocationPrecision(input: RawCell): ParseResult<LocationPrecision> {
  return readWord(
    input,
    inVocabulary(PRECISION_BY_WORD),
    (text) => `unknown location precision "${text}"; use exact (精确), street (街道) or district (区县)`,
  );
}

const AMENITY_BY_WORD = lookup(
  AMENITY_TYPES.map((a) => [a.type, [a.type, a.zh, a.en, ...amenityAliases(a.type)]] as const),
);

/**
 * Reads an amenity type: the canonical key (`kindergarten`), the Chinese name or any alias
 * (幼儿园, 公厕, 日间照料中心 …), or the English name.
 */
export function parseAmenityType(input: RawCell): ParseResult<string> {
  return readWord(
    input,
    inVocabulary(AMENITY_BY_WORD),
    (text) => `unknown amenity type "${text}"; use a type key or Chinese name from the amenity vocabulary`,
  );
}
