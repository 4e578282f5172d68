/**
 * The presentation story as the data build writes it (`public/data/story.json`, made by
 * scripts/pipeline/story.ts): chapters with their camera, the view they show (the site's own
 * query parameters) and headline figures whose values were computed or looked up by the build.
 * The site never types a number of its own into a chapter: every figure comes from this file,
 * with its source. The build types what it writes with these, and the site reads through
 * `parseStory`.
 */
import type { FigureQualifier } from '../domain/programmes';

/** The story's key in the manifest's `files` (its stored name may carry a content hash). */
export const STORY_FILE = 'story.json';

/** Text in both interface languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Where the camera goes for a chapter: fit a box, or an explicit position. */
export type StoryCamera =
  | { bounds: [number, number, number, number]; pitch: number; bearing: number }
  | { center: [number, number]; zoom: number; pitch: number; bearing: number };

/** A number as its programme published it (`约348万人`), kept apart from the canonical value. */
export interface PublishedNumber {
  value: number;
  /** The unit as published: 户, 万户, 个, 万元, 亿元, 平方米, % … */
  unit: string;
  qualifier?: FigureQualifier;
  /** The fragment of the seed document the number comes from. */
  quote: string;
  /** Set when the figure covers part of the programme (one area, one year …). */
  scope?: string;
}

/** How the communities of a chapter's scope break down, for a computed figure's source line. */
export interface ComputedFrom {
  communities: number;
  /** How many of them are illustrative (`is_synthetic`). */
  illustrative: number;
}

/**
 * A headline figure. `published` figures carry the programme's own number and the seed file it
 * comes from; `computed` ones are derived from the communities and say how many of those are
 * illustrative. A computed figure is never shown as published.
 */
export interface StoryFigure {
  key: string;
  kind: 'published' | 'computed';
  label: Bilingual;
  /** Canonical value: yuan for money, m² for areas, m for lengths, a fraction for rates, else a count. */
  value: number;
  /** Unit of `value`: 个, 户, 人, 栋, 元, 平方米, 米, %, or an item's own unit (部, 套 …). */
  unit: string;
  /** Published figures only. */
  published?: PublishedNumber;
  /** Published figures with a metric: what the communities add up to, and whether that reproduces it. */
  check?: { computed: number; reproduced: boolean };
  /** Computed figures only. */
  computed_from?: ComputedFrom;
  /** The seed file of a published figure (its document's ref); for a computed one, `computed_from` in words. */
  source: string;
  /**
   * Published figures only: the readable citation of the source document in both languages
   * (src/domain/citation.ts `formatCitation`), e.g. 《长沙推动既有小区品质三年行动》，王文、蒋宏装;
   * the ref itself when the programmes file describes no document for it.
   */
  citation?: Bilingual;
}

/** Completions month by month, for the playback chapter. */
export interface StoryPlayback {
  /** Consecutive months `YYYY-MM`, first to last completion. */
  months: string[];
  /** Communities completed up to and including each month (same length as `months`). */
  cumulative: number[];
  /** Communities with a completion date: the last cumulative value. */
  total: number;
  /** Communities at a finished stage that have no completion date, so cannot be animated. */
  undated_done: number;
}

/** One chapter. */
export interface StoryChapter {
  id: string;
  title: Bilingual;
  text: Bilingual;
  /** The programme the chapter is about, or null for a chapter about everything. */
  programme: string | null;
  /** The programme's period, from its record. */
  period: { start: string; end: string } | null;
  camera: StoryCamera;
  /** The site's own query parameters (`layer=status&programme=…`), without `?`. */
  view: string;
  /** The communities the chapter's computed figures are drawn from. */
  scope: ComputedFrom;
  /** Communities of the scope by stage (`''` for those without one), for the legend. */
  stages: Record<string, number>;
  figures: StoryFigure[];
  playback: StoryPlayback | null;
}

/** The whole story file. */
export interface Story {
  format_version: 1;
  /** File name of the story the build read, or null when it generated the default one. */
  source: string | null;
  title: Bilingual;
  chapters: StoryChapter[];
}

/** story.json does not have the shape the site reads. */
export class StoryError extends Error {
  override name = 'StoryError';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function bilingual(value: unknown, path: string): Bilingual {
  if (!isObject(value) || typeof value.zh !== 'string')
    throw new StoryError(`story ${path}: expected { zh, en } text`);
  return { zh: value.zh, en: typeof value.en === 'string' && value.en ? value.en : value.zh };
}

function camera(value: unknown, path: string): StoryCamera {
  if (!isObject(value)) throw new StoryError(`story ${path}: expected a camera object`);
  const pitch = isFiniteNumber(value.pitch) ? value.pitch : 0;
  const bearing = isFiniteNumber(value.bearing) ? value.bearing : 0;
  const b = value.bounds;
  if (Array.isArray(b) && b.length === 4 && b.every(isFiniteNumber))
    return { bounds: b as [number, number, number, number], pitch, bearing };
  const c = value.center;
  if (Array.isArray(c) && c.length === 2 && c.every(isFiniteNumber) && isFiniteNumber(value.zoom))
    return { center: c as [number, number], zoom: value.zoom, pitch, bearing };
  throw new StoryError(`story ${path}: expected bounds [w, s, e, n] or center [lng, lat] with zoom`);
}

function figure(value: unknown, path: string): StoryFigure {
  if (!isObject(value)) throw new StoryError(`story ${path}: expected an object`);
  if (value.kind !== 'published' && value.kind !== 'computed')
    throw new StoryError(`story ${path}.kind: expected "published" or "computed"`);
  if (!isFiniteNumber(value.value)) throw new StoryError(`story ${path}.value: expected a number`);
  if (typeof value.source !== 'string') throw new StoryError(`story ${path}.source: expected a string`);
  const out: StoryFigure = {
    key: typeof value.key === 'string' ? value.key : path,
    kind: value.kind,
    label: bilingual(value.label, `${path}.label`),
    value: value.value,
    unit: typeof value.unit === 'string' ? value.unit : '',
    source: value.source,
  };
  if (value.kind === 'published') {
    // A story written before citations falls back to the ref, so a source line is never empty.
    out.citation =
      value.citation === undefined
        ? { zh: value.source, en: value.source }
        : bilingual(value.citation, `${path}.citation`);
    const p = value.published;
    if (!isObject(p) || !isFiniteNumber(p.value) || typeof p.unit !== 'string')
      throw new StoryError(`story ${path}.published: a published figure needs its published value and unit`);
    out.published = {
      value: p.value,
      unit: p.unit,
      quote: typeof p.quote === 'string' ? p.quote : '',
      ...(typeof p.qualifier === 'string' ? { qualifier: p.qualifier as FigureQualifier } : {}),
      ...(typeof p.scope === 'string' ? { scope: p.scope } : {}),
    };
    if (isObject(value.check) && isFiniteNumber(value.check.computed))
      out.check = { computed: value.check.computed, reproduced: value.check.reproduced === true };
  } else {
    const c = value.computed_from;
    if (!isObject(c) || !isFiniteNumber(c.communities) || !isFiniteNumber(c.illustrative))
      throw new StoryError(
        `story ${path}.computed_from: a computed figure must say what it is computed from`,
      );
    out.computed_from = { communities: c.communities, illustrative: c.illustrative };
  }
  return out;
}

function playback(value: unknown, path: string): StoryPlayback | null {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) throw new StoryError(`story ${path}: expected an object or null`);
  const { months, cumulative, total, undated_done } = value;
  if (
    !Array.isArray(months) ||
    !months.every((m) => typeof m === 'string' && /^\d{4}-\d{2}$/.test(m)) ||
    !Array.isArray(cumulative) ||
    cumulative.length !== months.length ||
    !cumulative.every(isFiniteNumber)
  )
    throw new StoryError(`story ${path}: months and cumulative must be arrays of the same length`);
  return {
    months: months as string[],
    cumulative: cumulative as number[],
    total: isFiniteNumber(total) ? total : ((cumulative[cumulative.length - 1] as number | undefined) ?? 0),
    undated_done: isFiniteNumber(undated_done) ? undated_done : 0,
  };
}

function chapter(value: unknown, index: number): StoryChapter {
  const path = `chapters[${index}]`;
  if (!isObject(value)) throw new StoryError(`story ${path}: expected an object`);
  const scope = isObject(value.scope) ? value.scope : {};
  const period = isObject(value.period) ? value.period : null;
  return {
    id: typeof value.id === 'string' && value.id ? value.id : String(index + 1),
    title: bilingual(value.title, `${path}.title`),
    text: value.text === undefined ? { zh: '', en: '' } : bilingual(value.text, `${path}.text`),
    programme: typeof value.programme === 'string' ? value.programme : null,
    period:
      period && typeof period.start === 'string' && typeof period.end === 'string'
        ? { start: period.start, end: period.end }
        : null,
    camera: camera(value.camera, `${path}.camera`),
    view: typeof value.view === 'string' ? value.view.replace(/^\?/, '') : '',
    scope: {
      communities: isFiniteNumber(scope.communities) ? scope.communities : 0,
      illustrative: isFiniteNumber(scope.illustrative) ? scope.illustrative : 0,
    },
    stages: isObject(value.stages)
      ? Object.fromEntries(
          Object.entries(value.stages).filter((e): e is [string, number] => isFiniteNumber(e[1])),
        )
      : {},
    figures: Array.isArray(value.figures)
      ? value.figures.map((f, j) => figure(f, `${path}.figures[${j}]`))
      : [],
    playback: playback(value.playback, `${path}.playback`),
  };
}

/** Checks a parsed story.json and returns the site's typed view of it. */
export function parseStory(json: unknown): Story {
  if (!isObject(json)) throw new StoryError('story is not a JSON object');
  if (json.format_version !== 1)
    throw new StoryError(`story format_version ${String(json.format_version)} is not supported (expected 1)`);
  if (!Array.isArray(json.chapters) || json.chapters.length === 0)
    throw new StoryError('story has no chapters');
  return {
    format_version: 1,
    source: typeof json.source === 'string' ? json.source : null,
    title: bilingual(json.title, 'title'),
    chapters: json.chapters.map(chapter),
  };
}
