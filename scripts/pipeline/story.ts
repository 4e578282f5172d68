/**
 * The presentation story: chapters written by a person (data/story.json, or a city's own file
 * given with `--story`), with every headline figure a reference — a published figure of a
 * programme record, or a metric over the communities — never a typed number. The build
 * resolves the references against the built communities and writes public/data/story.json
 * (shape: src/contracts/story.ts) with each value, its unit and its source: a published figure's
 * seed file (`source`, the reference id) and its document's readable citation in both languages
 * (`citation`).
 *
 * Pure: the build feeds communities one at a time (`add`), so a national ledger is never held
 * as property objects at once, then `finish` resolves the published figures.
 */
import { documentFor, formatCitation } from '../../src/domain/citation';
import type { Figure, Metric, Programme } from '../../src/domain/programmes';
import { isSummableField } from '../../src/domain/programmes';
import { isDoneStage } from '../../src/domain/metrics';
import { evaluateMetric, type FeatureProperties } from '../../src/domain/programme-figures';
import { DONE_STAGES, FUNDING_CHANNELS, ITEM_BY_KEY, ITEMS } from '../../src/domain/vocabulary';
import { completionMonth, cumulativeByMonth } from '../../src/domain/completions';
import type {
  Bilingual,
  Story,
  StoryCamera,
  StoryChapter,
  StoryFigure,
  StoryPlayback,
} from '../../src/contracts/story';

/** A headline figure as a story file asks for it. */
export interface StorySpecFigure {
  /** Key of a published figure of the chapter's programme (or of `programme`). */
  published?: string;
  /** Programme of a `published` figure when it is not the chapter's. */
  programme?: string;
  /** A named metric (`communities`, `households`, `fund_total`, `item_parking`, `with_elevator_added` …) or a metric object. */
  metric?: string | Metric;
  /** Label; required with a metric object, optional otherwise. */
  label?: Bilingual;
  /** Unit of a metric object's value (个, 户, 元 …). */
  unit?: string;
}

/** Camera of a story file: fit the chapter's communities, or a position. */
export type StorySpecCamera =
  | 'fit'
  | { fit: true; pitch?: number; bearing?: number }
  | { center: [number, number]; zoom: number; pitch?: number; bearing?: number };

/** A chapter as a story file writes it. */
export interface StorySpecChapter {
  id: string;
  title: Bilingual;
  text?: Bilingual;
  /** The chapter is about this programme: its figures and camera fit are drawn from its communities. */
  programme?: string;
  camera?: StorySpecCamera;
  /** The site's query parameters for the chapter (`layer=status&programme=…`). */
  view?: string;
  figures?: StorySpecFigure[];
  /** Animate the chapter's completions month by month. */
  playback?: boolean;
}

/** A story file. */
export interface StorySpec {
  title: Bilingual;
  chapters: StorySpecChapter[];
}

/** A story file is malformed or refers to something that does not exist. */
export class StoryError extends Error {
  override name = 'StoryError';
}

/** A programme as the build holds it after checking its figures against the communities. */
export type ResolvedProgramme = Omit<Programme, 'figures'> & {
  figures: (Figure & { computed?: number; reproduced?: boolean })[];
};

interface NamedMetric {
  metrics: Metric[];
  label: Bilingual;
  unit: string;
}

const count = (where?: Metric['where']): Metric => ({ op: 'count', ...(where ? { where } : {}) });
const sum = (field: string): Metric => ({ op: 'sum', field });

/** Metrics a story can name, with their labels and units. */
export const NAMED_METRICS: ReadonlyMap<string, NamedMetric> = new Map<string, NamedMetric>([
  ['communities', { metrics: [count()], label: { zh: '小区', en: 'Communities' }, unit: '个' }],
  [
    'completed',
    {
      // Metric `where` matches one prefix, so each finished stage is counted on its own and added.
      metrics: DONE_STAGES.map((s) => count({ field: 'stage', prefix: s })),
      label: { zh: '已完工小区', en: 'Communities completed' },
      unit: '个',
    },
  ],
  ['households', { metrics: [sum('households')], label: { zh: '居民户数', en: 'Households' }, unit: '户' }],
  ['residents', { metrics: [sum('residents')], label: { zh: '居民人数', en: 'Residents' }, unit: '人' }],
  ['buildings', { metrics: [sum('buildings')], label: { zh: '楼栋', en: 'Buildings' }, unit: '栋' }],
  [
    'floor_area_m2',
    { metrics: [sum('floor_area_m2')], label: { zh: '建筑面积', en: 'Floor area' }, unit: '平方米' },
  ],
  [
    'fund_total',
    { metrics: [sum('fund_total')], label: { zh: '总投资', en: 'Total investment' }, unit: '元' },
  ],
  [
    'fund_fiscal',
    { metrics: [sum('fund_fiscal')], label: { zh: '财政资金', en: 'Government funding' }, unit: '元' },
  ],
  [
    'fund_nonfiscal',
    {
      metrics: [sum('fund_nonfiscal')],
      label: { zh: '社会及居民资金', en: 'Non-government funding' },
      unit: '元',
    },
  ],
  ...FUNDING_CHANNELS.map((c): [string, NamedMetric] => [
    c.field,
    { metrics: [sum(c.field)], label: { zh: c.zh, en: c.en }, unit: '元' },
  ]),
  ...ITEMS.map((i): [string, NamedMetric] => [
    `item_${i.key}`,
    { metrics: [sum(`item_${i.key}`)], label: { zh: i.zh, en: i.en }, unit: i.unit ?? '' },
  ]),
  ...ITEMS.map((i): [string, NamedMetric] => [
    `with_${i.key}`,
    {
      metrics: [{ op: 'count_item', item: i.key }],
      label: { zh: `${i.zh}改造小区`, en: `Communities with ${i.en.toLowerCase()}` },
      unit: '个',
    },
  ]),
]);

/** The unit of a published figure's canonical value (`value_canonical`). */
export function canonicalUnit(unit: string): string {
  if (/元$/.test(unit)) return '元';
  if (/平方米$/.test(unit)) return '平方米';
  if (unit === '千米' || unit === '公里' || unit === '米') return '米';
  if (unit === '%') return '%';
  return unit.replace(/^万/, '');
}

/**
 * The readable citation of a published figure's source in both languages, from the documents of
 * its programme; the ref itself when the programmes file describes no document for it.
 */
export function publishedCitation(ref: string, programme: Pick<Programme, 'documents'>): Bilingual {
  const doc = documentFor(ref, programme.documents ?? []);
  return { zh: formatCitation(doc, 'zh', { ref }), en: formatCitation(doc, 'en', { ref }) };
}

/** The source line of a computed figure, as the story file records it. */
export function computedSource(communities: number, illustrative: number): string {
  return illustrative > 0
    ? `computed from ${communities} communities (${illustrative} illustrative)`
    : `computed from ${communities} communities`;
}

// ─── Reading a story file ────────────────────────────────────────────────────

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBilingual = (v: unknown): v is Bilingual =>
  isObject(v) && typeof v.zh === 'string' && v.zh.trim() !== '' && typeof v.en === 'string';

function metricIssues(metric: unknown, path: string): string[] {
  if (!isObject(metric)) return [`${path}: expected a metric name or { op, … }`];
  switch (metric.op) {
    case 'count':
      return [];
    case 'sum':
      return typeof metric.field === 'string' && isSummableField(metric.field)
        ? []
        : [`${path}.field: ${JSON.stringify(metric.field)} is not a summable community property`];
    case 'count_item':
      return typeof metric.item === 'string' && ITEM_BY_KEY.has(metric.item)
        ? []
        : [`${path}.item: ${JSON.stringify(metric.item)} is not an item key of the vocabulary`];
    default:
      return [`${path}.op: ${JSON.stringify(metric.op)} is not count, sum or count_item`];
  }
}

function figureIssues(f: unknown, path: string, chapterProgramme: unknown): string[] {
  if (!isObject(f)) return [`${path}: expected an object`];
  const issues: string[] = [];
  const hasPublished = f.published !== undefined;
  const hasMetric = f.metric !== undefined;
  if (hasPublished === hasMetric) return [`${path}: give exactly one of "published" or "metric"`];
  if (f.label !== undefined && !isBilingual(f.label)) issues.push(`${path}.label: expected { zh, en }`);
  if (hasPublished) {
    if (typeof f.published !== 'string' || !f.published)
      issues.push(`${path}.published: expected a figure key`);
    if (f.programme === undefined && typeof chapterProgramme !== 'string')
      issues.push(`${path}: a published figure needs the chapter's programme or its own "programme"`);
    if (f.programme !== undefined && typeof f.programme !== 'string')
      issues.push(`${path}.programme: expected a programme id`);
  } else if (typeof f.metric === 'string') {
    if (!NAMED_METRICS.has(f.metric))
      issues.push(
        `${path}.metric: unknown metric "${f.metric}" (known: communities, completed, households, residents, buildings, fund_*, item_<key>, with_<key>)`,
      );
  } else {
    issues.push(...metricIssues(f.metric, `${path}.metric`));
    if (!isBilingual(f.label)) issues.push(`${path}.label: a metric object needs a { zh, en } label`);
  }
  if (f.unit !== undefined && typeof f.unit !== 'string') issues.push(`${path}.unit: expected a string`);
  if (f.value !== undefined) issues.push(`${path}.value: figures are references, not typed numbers`);
  return issues;
}

function cameraIssues(c: unknown, path: string): string[] {
  if (c === undefined || c === 'fit') return [];
  if (!isObject(c))
    return [`${path}: expected "fit", { fit: true, pitch?, bearing? } or { center, zoom, … }`];
  const issues: string[] = [];
  if (c.pitch !== undefined && !(isFiniteNumber(c.pitch) && c.pitch >= 0 && c.pitch <= 85))
    issues.push(`${path}.pitch: expected degrees from 0 to 85`);
  if (c.bearing !== undefined && !(isFiniteNumber(c.bearing) && c.bearing >= -180 && c.bearing <= 180))
    issues.push(`${path}.bearing: expected degrees from -180 to 180`);
  if (c.fit === true) return issues;
  const center = c.center;
  if (
    !Array.isArray(center) ||
    center.length !== 2 ||
    !isFiniteNumber(center[0]) ||
    !isFiniteNumber(center[1]) ||
    Math.abs(center[0]) > 180 ||
    Math.abs(center[1]) > 90
  )
    issues.push(`${path}.center: expected [lng, lat]`);
  if (!isFiniteNumber(c.zoom) || c.zoom < 0 || c.zoom > 18) issues.push(`${path}.zoom: expected 0 to 18`);
  return issues;
}

/** Every way `value` departs from the story file shape, as `path: problem` lines. */
export function storySpecIssues(value: unknown): string[] {
  if (!isObject(value)) return ['story: expected a JSON object'];
  const issues: string[] = [];
  if (!isBilingual(value.title)) issues.push('title: expected { zh, en }');
  if (!Array.isArray(value.chapters) || value.chapters.length === 0)
    return [...issues, 'chapters: expected a non-empty array'];
  const ids = new Set<string>();
  value.chapters.forEach((ch: unknown, i) => {
    const path = `chapters[${i}]`;
    if (!isObject(ch)) {
      issues.push(`${path}: expected an object`);
      return;
    }
    if (typeof ch.id !== 'string' || !/^[\w-]+$/.test(ch.id))
      issues.push(`${path}.id: expected letters, digits, - or _`);
    else if (ids.has(ch.id)) issues.push(`${path}.id: duplicate id ${ch.id}`);
    else ids.add(ch.id);
    if (!isBilingual(ch.title)) issues.push(`${path}.title: expected { zh, en }`);
    if (ch.text !== undefined && !isBilingual(ch.text)) issues.push(`${path}.text: expected { zh, en }`);
    if (ch.programme !== undefined && (typeof ch.programme !== 'string' || !ch.programme))
      issues.push(`${path}.programme: expected a programme id`);
    if (ch.view !== undefined && (typeof ch.view !== 'string' || ch.view.includes('#')))
      issues.push(`${path}.view: expected a query string such as "layer=status&programme=…"`);
    if (ch.playback !== undefined && typeof ch.playback !== 'boolean')
      issues.push(`${path}.playback: expected true or false`);
    issues.push(...cameraIssues(ch.camera, `${path}.camera`));
    if (ch.figures !== undefined && !Array.isArray(ch.figures))
      issues.push(`${path}.figures: expected an array`);
    else
      (ch.figures ?? []).forEach((f: unknown, j: number) =>
        issues.push(...figureIssues(f, `${path}.figures[${j}]`, ch.programme)),
      );
  });
  return issues;
}

/** Returns `value` typed as a story file, or throws listing every problem. */
export function parseStorySpec(value: unknown): StorySpec {
  const issues = storySpecIssues(value);
  if (issues.length) throw new StoryError(`invalid story:\n  ${issues.join('\n  ')}`);
  return value as StorySpec;
}

/**
 * Every reference of `spec` to a programme or published figure that `programmes` lacks. A
 * chapter may be about a programme that has no record but has communities (`inData`: the
 * programme ids of the communities); a published figure needs the record.
 */
export function storyReferenceIssues(
  spec: StorySpec,
  programmes: readonly Pick<Programme, 'id' | 'figures'>[],
  inData: ReadonlySet<string> = new Set(),
): string[] {
  const byId = new Map(programmes.map((p) => [p.id, p]));
  const issues: string[] = [];
  spec.chapters.forEach((ch, i) => {
    if (ch.programme !== undefined && !byId.has(ch.programme) && !inData.has(ch.programme))
      issues.push(
        `chapters[${i}].programme: no programme "${ch.programme}" in the programme records or the communities`,
      );
    (ch.figures ?? []).forEach((f, j) => {
      if (f.published === undefined) return;
      const id = f.programme ?? ch.programme;
      const p = id === undefined ? undefined : byId.get(id);
      if (!p) {
        if (f.programme !== undefined)
          issues.push(`chapters[${i}].figures[${j}].programme: no programme "${f.programme}"`);
        else if (inData.has(id!))
          issues.push(`chapters[${i}].figures[${j}].published: programme "${id}" has no record of figures`);
        return;
      }
      if (!p.figures.some((fig) => fig.key === f.published))
        issues.push(
          `chapters[${i}].figures[${j}].published: programme "${p.id}" has no figure "${f.published}"`,
        );
    });
  });
  return issues;
}

/** The story written when a build is given none: one overview chapter of computed figures. */
export function defaultStorySpec(): StorySpec {
  return {
    title: { zh: '改造概览', en: 'Renovation overview' },
    chapters: [
      {
        id: 'overview',
        title: { zh: '改造概览', en: 'Renovation overview' },
        text: {
          zh: '本数据集中的全部小区，按改造状态着色。',
          en: 'Every community in this dataset, coloured by renovation stage.',
        },
        camera: 'fit',
        view: 'layer=status',
        figures: [
          { metric: 'communities' },
          { metric: 'completed' },
          { metric: 'households' },
          { metric: 'residents' },
          { metric: 'fund_total' },
        ],
      },
    ],
  };
}

// ─── Resolving a story over the communities ─────────────────────────────────

type Bbox = [number, number, number, number];

interface ComputedAcc {
  metrics: Metric[];
  /** Field a sum reads: only communities giving it count as what the figure is computed from. */
  fields: string[];
  value: number;
  communities: number;
  illustrative: number;
}

interface ChapterAcc {
  spec: StorySpecChapter;
  communities: number;
  illustrative: number;
  bbox: Bbox | null;
  stages: Map<string, number>;
  computed: (ComputedAcc | null)[];
  months: (string | null)[] | null;
  undatedDone: number;
}

const extend = (b: Bbox | null, lng: number, lat: number): Bbox =>
  b
    ? [Math.min(b[0], lng), Math.min(b[1], lat), Math.max(b[2], lng), Math.max(b[3], lat)]
    : [lng, lat, lng, lat];

const hasValue = (p: FeatureProperties, field: string) =>
  p[field] !== undefined && p[field] !== null && p[field] !== '';

const isIllustrative = (p: FeatureProperties) => p.is_synthetic === true || p.is_synthetic === 'true';

function computedAcc(f: StorySpecFigure): ComputedAcc | null {
  if (f.metric === undefined) return null;
  const metrics = typeof f.metric === 'string' ? NAMED_METRICS.get(f.metric)!.metrics : [f.metric];
  return {
    metrics,
    fields: metrics.flatMap((m) => (m.op === 'sum' ? [m.field] : [])),
    value: 0,
    communities: 0,
    illustrative: 0,
  };
}

/** What `finish` needs besides the communities. */
export interface StoryContext {
  programmes: readonly ResolvedProgramme[];
  /** File name of the story file, or null for the default story. */
  source: string | null;
}

/** Accumulates a story over the communities, then resolves it. */
export interface StoryBuilder {
  /** Adds one community (WGS84 position and its output properties). */
  add(lng: number, lat: number, properties: FeatureProperties): void;
  /** Resolves every figure; throws StoryError when the story refers to what the records lack. */
  finish(context: StoryContext): Story;
}

/** A builder for `spec` (already checked with `parseStorySpec`). */
export function createStoryBuilder(spec: StorySpec): StoryBuilder {
  let all: Bbox | null = null;
  const chapters: ChapterAcc[] = spec.chapters.map((ch) => ({
    spec: ch,
    communities: 0,
    illustrative: 0,
    bbox: null,
    stages: new Map(),
    computed: (ch.figures ?? []).map(computedAcc),
    months: ch.playback ? [] : null,
    undatedDone: 0,
  }));
  const programmesInData = new Set<string>();

  return {
    add(lng, lat, p) {
      all = extend(all, lng, lat);
      if (typeof p.programme === 'string') programmesInData.add(p.programme);
      const illustrative = isIllustrative(p);
      for (const acc of chapters) {
        if (acc.spec.programme !== undefined && p.programme !== acc.spec.programme) continue;
        acc.communities++;
        if (illustrative) acc.illustrative++;
        acc.bbox = extend(acc.bbox, lng, lat);
        const stage = typeof p.stage === 'string' ? p.stage : '';
        acc.stages.set(stage, (acc.stages.get(stage) ?? 0) + 1);
        for (const c of acc.computed) {
          if (!c) continue;
          // A community that does not give a summed field is not part of what the sum is from.
          if (c.fields.length && !c.fields.some((field) => hasValue(p, field))) continue;
          c.communities++;
          if (illustrative) c.illustrative++;
          for (const m of c.metrics) c.value += evaluateMetric(m, [p]);
        }
        if (acc.months) {
          const month = completionMonth(p.completion_date);
          acc.months.push(month);
          if (month === null && typeof p.stage === 'string' && isDoneStage(p.stage)) acc.undatedDone++;
        }
      }
    },

    finish({ programmes, source }) {
      const issues = storyReferenceIssues(spec, programmes, programmesInData);
      if (issues.length)
        throw new StoryError(`story refers to what the records lack:\n  ${issues.join('\n  ')}`);
      const byId = new Map(programmes.map((p) => [p.id, p]));
      return {
        format_version: 1,
        source,
        title: spec.title,
        chapters: chapters.map((acc) => resolveChapter(acc, byId, all)),
      };
    },
  };
}

function resolveCamera(spec: StorySpecCamera | undefined, bbox: Bbox | null): StoryCamera {
  if (spec && spec !== 'fit' && 'center' in spec)
    return { center: spec.center, zoom: spec.zoom, pitch: spec.pitch ?? 0, bearing: spec.bearing ?? 0 };
  const pitch = spec && spec !== 'fit' ? (spec.pitch ?? 0) : 0;
  const bearing = spec && spec !== 'fit' ? (spec.bearing ?? 0) : 0;
  if (!bbox) return { center: [105, 35], zoom: 3, pitch, bearing };
  // A single community (or several at one spot) has no extent to fit: look at it from street level.
  if (bbox[2] - bbox[0] < 1e-6 && bbox[3] - bbox[1] < 1e-6)
    return { center: [bbox[0], bbox[1]], zoom: 14, pitch, bearing };
  return { bounds: bbox, pitch, bearing };
}

function resolveChapter(
  acc: ChapterAcc,
  programmes: ReadonlyMap<string, ResolvedProgramme>,
  all: Bbox | null,
): StoryChapter {
  const { spec } = acc;
  const programme = spec.programme === undefined ? undefined : programmes.get(spec.programme);
  const figures: StoryFigure[] = [];
  (spec.figures ?? []).forEach((f, j) => {
    const c = acc.computed[j];
    if (c) {
      const named = typeof f.metric === 'string' ? NAMED_METRICS.get(f.metric) : undefined;
      figures.push({
        key: typeof f.metric === 'string' ? f.metric : `metric_${j + 1}`,
        kind: 'computed',
        label: f.label ?? named!.label,
        value: c.value,
        unit: f.unit ?? named?.unit ?? '',
        computed_from: { communities: c.communities, illustrative: c.illustrative },
        source: computedSource(c.communities, c.illustrative),
      });
      return;
    }
    const p = programmes.get((f.programme ?? spec.programme)!)!;
    const fig = p.figures.find((x) => x.key === f.published)!;
    figures.push({
      key: fig.key,
      kind: 'published',
      label: f.label ?? { zh: fig.label_zh, en: fig.label_en },
      value: fig.value_canonical,
      unit: canonicalUnit(fig.unit),
      published: {
        value: fig.value,
        unit: fig.unit,
        quote: fig.quote,
        ...(fig.qualifier ? { qualifier: fig.qualifier } : {}),
        ...(fig.scope ? { scope: fig.scope } : {}),
      },
      ...(fig.computed !== undefined
        ? { check: { computed: fig.computed, reproduced: fig.reproduced === true } }
        : {}),
      source: fig.source,
      citation: publishedCitation(fig.source, p),
    });
  });
  let playback: StoryPlayback | null = null;
  if (acc.months) {
    const series = cumulativeByMonth(acc.months);
    playback = { ...series, undated_done: acc.undatedDone };
  }
  return {
    id: spec.id,
    title: spec.title,
    text: spec.text ?? { zh: '', en: '' },
    programme: spec.programme ?? null,
    period: programme ? { start: programme.period.start, end: programme.period.end } : null,
    camera: resolveCamera(spec.camera, acc.communities ? acc.bbox : all),
    view: (spec.view ?? (spec.programme ? `programme=${encodeURIComponent(spec.programme)}` : '')).replace(
      /^\?/,
      '',
    ),
    scope: { communities: acc.communities, illustrative: acc.illustrative },
    stages: Object.fromEntries([...acc.stages].sort(([a], [b]) => a.localeCompare(b))),
    figures,
    playback,
  };
}
