/**
 * What the link-preview image says, from the data build's manifest: the headline figures, the
 * stage legend, the source line and the alternative text. Chinese, the site's reference
 * language and the one its address opens in. Pure.
 */
import type { ManifestFile } from '../../src/contracts/manifest';
import { documentFor, formatCitation, type SourceDocument } from '../../src/domain/citation';
import { isDoneStage } from '../../src/domain/metrics';
import { STAGE_LABELS, STAGES, type Stage } from '../../src/domain/vocabulary';
import { NO_STAGE, type CommunityPoints } from './overview-map';

/** The parts of the manifest the image reads. */
export type OgManifest = Pick<ManifestFile, 'programmes'>;

/** One headline figure: a number, what it counts, and a note that qualifies it. */
export interface OgFigure {
  value: string;
  unit: string;
  label: string;
  /** Qualification that must travel with the number (how many are illustrative, where it comes from). */
  note: string;
}

/** A legend entry: a stage present in the data, or the illustrative mark. */
export interface OgLegendEntry {
  label: string;
  /** Index into `STAGES`, `NO_STAGE` for "stage unknown", or null for the illustrative ring. */
  stage: number | null;
}

/** Everything written on the image. */
export interface OgContent {
  /** Map labels: programme id → the place it names, short. */
  places: Record<string, string>;
  title: string;
  subtitle: string;
  figures: OgFigure[];
  legend: OgLegendEntry[];
  /** The documents the programmes cite, each as a readable citation (or its file name when the data describes it not). */
  sources: string[];
  /** The basemap's source. */
  credit: string;
  /** The same content as one sentence, for `og:image:alt`. */
  alt: string;
}

/** Options of `ogContent`. */
export interface OgContentOptions {
  /** The site's title (messages `site.title`). */
  title: string;
  /** The line under it (messages `site.subtitle`). */
  subtitle: string;
}

const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** Document refs in the order programmes and their figures cite them, each once. */
function citedRefs(programmes: OgManifest['programmes']): string[] {
  const refs: string[] = [];
  const add = (ref: string | undefined) => {
    if (ref && !refs.includes(ref)) refs.push(ref);
  };
  for (const p of programmes) {
    add(p.source);
    for (const f of p.figures) add(f.source);
  }
  return refs;
}

/** Every cited document as a citation, readable where the programmes file describes it. */
export function citations(programmes: OgManifest['programmes']): string[] {
  const documents: SourceDocument[] = programmes.flatMap((p) => p.documents ?? []);
  return citedRefs(programmes).map((ref) => formatCitation(documentFor(ref, documents), 'zh', { ref }));
}

/**
 * The source line: `来源：` and the first `shown` citations, "等 N 篇" when some are left out, and
 * the basemap's credit. With no document: the ledgers.
 */
export function sourceLine(sources: readonly string[], credit: string, shown = sources.length): string {
  const head = sources.length
    ? `来源：${sources.slice(0, shown).join('；')}${shown < sources.length ? ` 等 ${sources.length} 篇` : ''}`
    : '来源：各地改造台账';
  return `${head} · ${credit}`;
}

/**
 * A short name for a programme's place: the city (长沙市), or city and district (厦门思明区),
 * without repeating a city the district already names (白银区, not 白银白银区).
 */
export function placeName(programme: Pick<OgManifest['programmes'][number], 'city' | 'district'>): string {
  const { city, district } = programme;
  if (!district) return city;
  const short = city.replace(/市$/, '');
  return district.startsWith(short) ? district : `${short}${district}`;
}

/** Stage counts over the communities (index `NO_STAGE` for none), and the illustrative count. */
function tally(points: CommunityPoints): { stages: Map<number, number>; synthetic: number; done: number } {
  const stages = new Map<number, number>();
  let synthetic = 0;
  let done = 0;
  for (let i = 0; i < points.length; i++) {
    const s = points.stage[i]!;
    stages.set(s, (stages.get(s) ?? 0) + 1);
    if (points.synthetic[i]) synthetic++;
    if (s !== NO_STAGE && isDoneStage(STAGES[s])) done++;
  }
  return { stages, synthetic, done };
}

/**
 * The image's text. Figures: the programmes (when the data has any), the communities on the map
 * with how many are illustrative, and the published figures the programmes cite (or, with none,
 * the share of communities done, computed from the ledger and said to be).
 */
export function ogContent(
  manifest: OgManifest,
  points: CommunityPoints,
  options: OgContentOptions,
): OgContent {
  const { programmes } = manifest;
  const { stages, synthetic, done } = tally(points);
  const communities = points.length;
  const figures: OgFigure[] = [];
  if (programmes.length > 0) {
    const places = [...new Set(programmes.map((p) => `${p.city}${p.district ?? ''}`))];
    figures.push({
      value: number.format(programmes.length),
      unit: '个',
      label: '改造计划',
      note: places.join('、'),
    });
  }
  figures.push({
    value: number.format(communities),
    unit: '个',
    label: '地图上的小区',
    note: synthetic > 0 ? `其中 ${number.format(synthetic)} 个为示意数据，非真实小区` : '均来自改造台账',
  });
  const published = programmes.reduce((n, p) => n + p.figures.length, 0);
  const documents = citedRefs(programmes).length;
  if (published > 0)
    figures.push({
      value: number.format(published),
      unit: '项',
      label: '公开报道数字',
      note: `逐项注明出处，共 ${number.format(documents)} 篇报道`,
    });
  else if (communities > 0)
    figures.push({
      value: `${Math.round((100 * done) / communities)}%`,
      unit: '',
      label: '已完工',
      note: '按台账计算',
    });

  const legend: OgLegendEntry[] = STAGES.flatMap((stage: Stage, i) =>
    stages.has(i) ? [{ label: STAGE_LABELS[stage].zh, stage: i }] : [],
  );
  if (stages.has(NO_STAGE)) legend.push({ label: '状态未知', stage: NO_STAGE });
  if (synthetic > 0) legend.push({ label: '示意数据', stage: null });

  const sources = citations(programmes);
  const credit = '底图：Natural Earth';
  const said = figures.map((f) => `${f.label} ${f.value} ${f.unit}（${f.note}）`).join('；');
  return {
    places: Object.fromEntries(programmes.map((p) => [p.id, placeName(p)])),
    title: options.title,
    subtitle: options.subtitle,
    figures,
    legend,
    sources,
    credit,
    alt: `${options.title}：${options.subtitle}。地图显示各小区的改造状态；${said}。${sourceLine(sources, credit)}`,
  };
}
