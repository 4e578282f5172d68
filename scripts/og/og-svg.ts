/**
 * The link-preview image as SVG, 1200 × 630 (the size Open Graph consumers crop least): the
 * overview map full bleed (land, and the communities as dots in their stage colours, illustrative
 * ones as rings, as on the site's map), a card with the title, the headline figures and the stage
 * legend on the left, and the source line along the bottom. Every text is escaped. Pure.
 */
import type { Stage } from '../../src/domain/vocabulary';
import { STAGES } from '../../src/domain/vocabulary';
import { sourceLine, type OgContent } from './og-content';
import {
  binCommunities,
  fitMercator,
  landPath,
  NO_PROGRAMME,
  NO_STAGE,
  placeLabels,
  spreadCells,
  type CommunityPoints,
  type Rect,
} from './overview-map';
import { escapeXml, fitFontSize, fitsInLines, textWidth, truncateToWidth, wrapText } from './svg-text';

/** Image size, px. */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/** Colours, passed in from the site's own definitions (src/style/scales.ts, src/map/basemap-style.ts). */
export interface OgColors {
  sea: string;
  land: string;
  /** Coastline stroke. */
  border: string;
  stages: Readonly<Record<Stage, string>>;
  unknownStage: string;
}

/** How a community is marked (src/style/scales.ts `MARKS`). */
export interface OgMarks {
  solid: { fillOpacity: number; strokeWidth: number; strokeColor: string };
  synthetic: { fillOpacity: number; strokeWidth: number };
}

/** Everything the picture is drawn from. */
export interface OgImageInput {
  content: OgContent;
  /** Land polygons (GeoJSON Polygon coordinates). */
  land: readonly (readonly (readonly (readonly number[])[])[])[];
  points: CommunityPoints;
  /** [west, south, east, north] to show; null (no communities): all of China. */
  bbox: readonly [number, number, number, number] | null;
  colors: OgColors;
  marks: OgMarks;
  /** Font families, best first (the renderer uses the first it has). */
  fontFamily: string;
}

/** Extent shown when there is nothing to fit: all of China, as the site opens then. */
const CHINA: [number, number, number, number] = [73, 18, 135, 54];

const INK = '#1f2a30';
const MUTED = '#55606a';
const PAPER = '#fbfaf6';
const PANEL_WIDTH = 430;
const BAND_TOP = 572;
const MARGIN = 40;
const TEXT_WIDTH = PANEL_WIDTH - 2 * MARGIN;
/** Where the data is fitted: right of the card, above the source band. */
const MAP_WINDOW: Rect = {
  x: PANEL_WIDTH + 20,
  y: 24,
  width: OG_WIDTH - PANEL_WIDTH - 44,
  height: BAND_TOP - 40,
};
/** Radius of a mark for one community; a cell of many grows with the square root of its count. */
const DOT_RADIUS = 4;
const MAX_RADIUS = 13;
const radiusOf = (count: number) => Math.min(MAX_RADIUS, DOT_RADIUS + 1.1 * (Math.sqrt(count) - 1));

const text = (x: number, y: number, size: number, body: string, attrs = '') =>
  `<text x="${x}" y="${y}" font-size="${size}"${attrs}>${escapeXml(body)}</text>`;

function stageColor(colors: OgColors, stage: number): string {
  const name = STAGES[stage];
  return stage === NO_STAGE || name === undefined ? colors.unknownStage : colors.stages[name];
}

function mark(
  x: number,
  y: number,
  color: string,
  synthetic: boolean,
  marks: OgMarks,
  r = DOT_RADIUS,
): string {
  const at = `cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}"`;
  return synthetic
    ? `<circle ${at} fill="${color}" fill-opacity="${marks.synthetic.fillOpacity}" stroke="${color}" stroke-width="${marks.synthetic.strokeWidth}"/>`
    : `<circle ${at} fill="${color}" fill-opacity="${marks.solid.fillOpacity}" stroke="${marks.solid.strokeColor}" stroke-width="${marks.solid.strokeWidth}"/>`;
}

/** The card: title, subtitle, figures and legend. */
function card(input: OgImageInput): string[] {
  const { content, colors, marks } = input;
  const out: string[] = [
    `<rect x="0" y="0" width="${PANEL_WIDTH}" height="${BAND_TOP}" fill="${PAPER}" fill-opacity="0.95"/>`,
  ];
  const titleSize = fitFontSize(content.title, 46, 28, TEXT_WIDTH);
  out.push(
    text(
      MARGIN,
      84,
      titleSize,
      truncateToWidth(content.title, titleSize, TEXT_WIDTH),
      ` font-weight="700" fill="${INK}"`,
    ),
  );
  const subtitle = wrapText(content.subtitle, 18, TEXT_WIDTH, 2, '·；，、');
  subtitle.forEach((line, i) =>
    out.push(text(MARGIN, 116 + i * 23, 18, line.replace(/\s*·$/, ''), ` fill="${MUTED}"`)),
  );

  let y = 130 + subtitle.length * 23 - 10;
  for (const figure of content.figures) {
    const valueSize = fitFontSize(figure.value, 44, 28, TEXT_WIDTH / 2);
    const base = y + 44;
    out.push(text(MARGIN, base, valueSize, figure.value, ` font-weight="700" fill="${INK}"`));
    // After the number, on its baseline: unit and label (the number itself is never broken).
    // Bold digits run a little wider than the estimate's regular ones.
    const valueWidth = Math.min(TEXT_WIDTH / 2, textWidth(figure.value, valueSize) * 1.08);
    const after = `${figure.unit}${figure.unit ? ' ' : ''}${figure.label}`;
    const afterWidth = TEXT_WIDTH - valueWidth - 10;
    out.push(
      text(MARGIN + valueWidth + 10, base, 20, truncateToWidth(after, 20, afterWidth), ` fill="${INK}"`),
    );
    const notes = wrapText(figure.note, 15, TEXT_WIDTH, 2);
    notes.forEach((line, i) => out.push(text(MARGIN, base + 26 + i * 20, 15, line, ` fill="${MUTED}"`)));
    y = base + 26 + (notes.length - 1) * 20 + 22;
  }

  // The legend, wrapped into rows.
  let x = MARGIN;
  let row = Math.max(y + 18, 470);
  for (const entry of content.legend) {
    const width = 18 + textWidth(entry.label, 15) + 16;
    if (x + width > PANEL_WIDTH - MARGIN / 2) {
      x = MARGIN;
      row += 26;
    }
    if (row > BAND_TOP - 12) break;
    const color = entry.stage === null ? MUTED : stageColor(colors, entry.stage);
    out.push(mark(x + 6, row - 5, color, entry.stage === null, marks, 6));
    out.push(text(x + 18, row, 15, entry.label, ` fill="${INK}"`));
    x += width;
  }
  return out;
}

const SOURCE_SIZE = 15;
const LABEL_SIZE = 15;

/** The programmes' places, each at its communities' mean position, the largest first. */
function placeLabelsFor(input: OgImageInput, project: ReturnType<typeof fitMercator>): string[] {
  const { points, content } = input;
  const sums = new Map<number, { x: number; y: number; n: number }>();
  for (let i = 0; i < points.length; i++) {
    const p = points.programme[i]!;
    if (p === NO_PROGRAMME) continue;
    const [x, y] = project(points.lng[i]!, points.lat[i]!);
    const s = sums.get(p) ?? { x: 0, y: 0, n: 0 };
    sums.set(p, { x: s.x + x, y: s.y + y, n: s.n + 1 });
  }
  const labels = [...sums]
    .sort((a, b) => b[1].n - a[1].n || a[0] - b[0])
    .flatMap(([p, s]) => {
      const name = content.places[points.programmeIds[p]!];
      return name ? [{ text: name, x: s.x / s.n, y: s.y / s.n, clearance: MAX_RADIUS }] : [];
    });
  return placeLabels(labels, MAP_WINDOW, LABEL_SIZE, (t) => textWidth(t, LABEL_SIZE)).map((l) =>
    text(
      Math.round(l.x),
      Math.round(l.y),
      LABEL_SIZE,
      l.text,
      ` fill="${INK}" stroke="${PAPER}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`,
    ),
  );
}

/** The source line with as many citations as fit on two lines, "等 N 篇" for the rest. */
function sourceText(content: OgContent): string {
  const fits = (t: string) => fitsInLines(t, SOURCE_SIZE, OG_WIDTH - 2 * MARGIN, 2);
  for (let shown = content.sources.length; shown > 1; shown--) {
    const line = sourceLine(content.sources, content.credit, shown);
    if (fits(line)) return line;
  }
  return sourceLine(content.sources, content.credit, Math.min(1, content.sources.length));
}

/** The SVG document of the link-preview image. */
export function ogImageSvg(input: OgImageInput): string {
  const { colors, marks, content } = input;
  const project = fitMercator(input.bbox ?? CHINA, MAP_WINDOW);
  const canvas: Rect = { x: -2, y: -2, width: OG_WIDTH + 4, height: OG_HEIGHT + 4 };
  const land = landPath(input.land, project, canvas);
  // The stages of one place side by side, by the smaller of their radii; larger marks drawn
  // first, so a small one next to a big one stays on top of it.
  const binned = binCommunities(input.points, project, MAP_WINDOW, 6);
  const spread = spreadCells(binned, (group) => Math.min(...group.map((d) => radiusOf(d.count))));
  const dots = spread.sort((a, b) => b.count - a.count || a.stage - b.stage);
  const source = wrapText(sourceText(content), SOURCE_SIZE, OG_WIDTH - 2 * MARGIN, 2);
  const sourceTop = source.length > 1 ? BAND_TOP + 24 : BAND_TOP + 35;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}" font-family="${escapeXml(input.fontFamily)}">`,
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${colors.sea}"/>`,
    `<path d="${land}" fill="${colors.land}" fill-rule="evenodd" stroke="${colors.border}" stroke-opacity="0.6" stroke-width="0.6"/>`,
    ...dots.map((d) => mark(d.x, d.y, stageColor(colors, d.stage), d.synthetic, marks, radiusOf(d.count))),
    ...placeLabelsFor(input, project),
    ...card(input),
    `<rect x="0" y="${BAND_TOP}" width="${OG_WIDTH}" height="${OG_HEIGHT - BAND_TOP}" fill="${PAPER}" fill-opacity="0.95"/>`,
    ...source.map((line, i) => text(MARGIN, sourceTop + i * 21, SOURCE_SIZE, line, ` fill="${MUTED}"`)),
    '</svg>',
  ].join('\n');
}
