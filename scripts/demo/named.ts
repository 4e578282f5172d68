/**
 * Communities and amenities the seed articles name (`data/named-communities.json`,
 * `data/named-amenities.json`): only what the articles say, each attribute with its quote, and
 * anything looked up elsewhere (NBS codes, a district implied by a street) kept apart as
 * `inferred` with its basis.
 */
import type { FigureQualifier } from '../../src/domain/programmes';
import { AMENITY_BY_TYPE, FUNDING_CHANNELS, ITEM_BY_KEY, STAGE_WORDS } from '../../src/domain/vocabulary';

/** A published attribute and the fragment of the article that gives it. */
export interface Quoted<T> {
  value: T;
  quote: string;
  qualifier?: FigureQualifier;
}

/** A value the article does not state, with why the demo uses it. */
export interface Inferred<T> {
  value: T;
  basis: string;
}

export interface NamedItem {
  key: string;
  /** The article's word for it, in simplified characters. */
  word: string;
  quantity?: number;
  unit?: string;
  quote: string;
}

export interface NamedFund {
  field: string;
  /** Amount in the published unit. */
  value: number;
  unit: '元' | '万元' | '亿元';
  yuan: number;
  quote: string;
  note?: string;
}

export interface NamedCommunity {
  /** Ledger id (编号), e.g. CS-N01. */
  id: string;
  programme: string;
  name: string;
  name_quote: string;
  /** Seed file name. */
  source: string;
  published: {
    district?: Quoted<string>;
    street?: Quoted<string>;
    community?: Quoted<string>;
    /** A year, or decade text such as 20世纪90年代. */
    year_built?: Quoted<number | string>;
    buildings?: Quoted<number>;
    households?: Quoted<number>;
    residents?: Quoted<number>;
    approval_rate?: Quoted<number>;
    /** A stage word of the vocabulary, e.g. 已完工. */
    stage?: Quoted<string>;
    batch_year?: Quoted<number>;
  };
  items?: NamedItem[];
  funds?: NamedFund[];
  /** Published facts without a ledger column; they go to 备注. */
  facts?: Array<{ zh: string; quote: string }>;
  inferred?: {
    district?: Inferred<string>;
    street?: Inferred<string>;
    community?: Inferred<string>;
    admin_code?: Inferred<string>;
    stage?: Inferred<string>;
  };
}

export interface NamedAmenity {
  id: string;
  programme: string;
  name: string;
  /** Canonical amenity type key. */
  type: string;
  status: '新增' | '现有';
  area_m2?: number;
  /** Id of the named community whose renovation built it, if the article ties it to one. */
  community_id?: string;
  /** Where to place it: next to a named community, or scattered around an area centre code. */
  near: { community: string } | { area: string };
  source: string;
  quote: string;
  note?: string;
}

const UNIT_YUAN: Record<NamedFund['unit'], number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
const STAGE_WORD_SET = new Set(Object.values(STAGE_WORDS).flat());

/**
 * Every problem in a named file, as `id: problem` lines: what every entry needs (a unique id, a
 * known programme), then what `check` finds in the entry, reported through `problem`.
 */
function entryIssues<T extends { id: string; programme: string }>(
  list: readonly T[],
  programmeIds: readonly string[],
  check: (entry: T, problem: (text: string) => void) => void,
): string[] {
  const issues: string[] = [];
  const ids = new Set<string>();
  for (const entry of list) {
    const at = entry.id || '(no id)';
    const problem = (text: string) => issues.push(`${at}: ${text}`);
    if (!entry.id || ids.has(entry.id)) problem('missing or duplicate id');
    ids.add(entry.id);
    if (!programmeIds.includes(entry.programme)) problem(`unknown programme ${entry.programme}`);
    check(entry, problem);
  }
  return issues;
}

/** Every problem in the named-communities file, as `id: problem` lines. */
export function namedCommunityIssues(
  list: readonly NamedCommunity[],
  programmeIds: readonly string[],
): string[] {
  return entryIssues(list, programmeIds, (c, problem) => {
    if (!c.name || !c.name_quote || !c.source) problem('name, name_quote and source are required');
    for (const [key, attr] of Object.entries(c.published)) {
      if (!attr || !attr.quote) problem(`published.${key} has no quote`);
    }
    const stage = c.published.stage?.value ?? c.inferred?.stage?.value;
    if (stage !== undefined && !STAGE_WORD_SET.has(stage))
      problem(`stage word ${stage} is not in the vocabulary`);
    for (const item of c.items ?? []) {
      if (!ITEM_BY_KEY.has(item.key)) problem(`unknown item ${item.key}`);
      if (!item.quote) problem(`item ${item.key} has no quote`);
    }
    for (const fund of c.funds ?? []) {
      if (!FUNDING_CHANNELS.some((ch) => ch.field === fund.field)) problem(`unknown fund ${fund.field}`);
      if (Math.abs(fund.value * UNIT_YUAN[fund.unit] - fund.yuan) > 1e-6) {
        problem(`${fund.value} ${fund.unit} is not ${fund.yuan} yuan`);
      }
    }
    for (const fact of c.facts ?? []) if (!fact.quote) problem(`fact "${fact.zh}" has no quote`);
  });
}

/** Every problem in the named-amenities file, as `id: problem` lines. */
export function namedAmenityIssues(
  list: readonly NamedAmenity[],
  communityIds: readonly string[],
  programmeIds: readonly string[],
): string[] {
  return entryIssues(list, programmeIds, (a, problem) => {
    if (!AMENITY_BY_TYPE.has(a.type)) problem(`unknown amenity type ${a.type}`);
    if (a.community_id !== undefined && !communityIds.includes(a.community_id)) {
      problem(`unknown community ${a.community_id}`);
    }
    if ('community' in a.near && !communityIds.includes(a.near.community)) {
      problem(`placed near unknown community ${a.near.community}`);
    }
    if (!a.quote || !a.source) problem('quote and source are required');
  });
}
