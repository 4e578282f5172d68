/**
 * Where everything goes on an exported picture, computed before anything is drawn: a side panel
 * at the left with the title card (title, subtitle, headline figures with their sources) and the
 * legend of the layer shown, the map to its right, and a band along the bottom with the sources
 * and attribution. The map shares no pixel with the card or the legend, so no data is ever
 * drawn under them. Headline figures are fitted as on the chapter card (src/lib/fit-figure.ts):
 * never broken inside the number. Pure: text is measured by the function passed in; the
 * result is a list of drawing operations in CSS pixels that export-png.ts paints.
 */
import { fitFigure } from '../lib/fit-figure';
import type { ExportLegend, SwatchShape } from './export-legend';
import { wrapLines } from './wrap-lines';

/** A rectangle in CSS pixels of the exported picture (before its pixel ratio). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A font: size in CSS pixels and weight. */
export interface FontSpec {
  size: number;
  weight: 400 | 600 | 700 | 800;
}

/** The colour roles of the picture (the theme maps them to colours). */
export type Ink = 'text' | 'muted' | 'rule';

/** One drawing operation. Text is drawn with its top at `y`. */
export type DrawOp =
  | { kind: 'text'; text: string; x: number; y: number; font: FontSpec; ink: Ink }
  | { kind: 'rule'; rect: Rect }
  | { kind: 'swatch'; shape: SwatchShape; color: string; rect: Rect };

/** A headline figure as the card writes it. */
export interface ExportFigure {
  /** Qualifier (约 / about), or ''. */
  qualifier: string;
  /** Number and unit, kept on one line. */
  figure: string;
  label: string;
  /** Where the figure comes from; '' for none. */
  source: string;
}

/** What the side panel and the band carry. Plain text only: nothing is interpreted as markup. */
export interface ExportContent {
  title: string;
  subtitle?: string;
  figures?: readonly ExportFigure[];
  /** The source all figures share, written once under them (their own `source` is then ''). */
  figuresSource?: string;
  legend: ExportLegend;
  /** Lines naming where the figures come from. */
  sources: readonly string[];
  /** Lines of attribution (data, basemap, caveats). */
  attribution: readonly string[];
}

/** Width of `text` set in `font`. */
export type Measure = (text: string, font: FontSpec) => number;

/** A legend swatch where it is drawn. */
export interface SwatchPlace {
  section: string;
  key: string;
  color: string;
  shape: SwatchShape;
  rect: Rect;
}

/** The computed layout of a picture. */
export interface ExportLayout {
  width: number;
  height: number;
  /** The side panel (title card above, legend below). */
  panel: Rect;
  /** The title card: title, subtitle and figures. */
  card: Rect;
  /** The legend block. */
  legend: Rect;
  map: Rect;
  band: Rect;
  ops: DrawOp[];
  swatches: SwatchPlace[];
  /** Every line of text drawn, in order. */
  lines: string[];
}

/** Options of {@link layoutExport}, with their defaults. */
export interface LayoutOptions {
  /** Width of the side panel; default 30 % of the map, between 320 and 440. */
  panelWidth?: number;
  /** Padding inside the panel and the band. Default 24. */
  padding?: number;
}

const FONTS = {
  title: { size: 28, weight: 800 },
  subtitle: { size: 16, weight: 400 },
  figure: { size: 34, weight: 800 },
  qualifier: { size: 17, weight: 700 },
  label: { size: 15, weight: 600 },
  source: { size: 12, weight: 400 },
  legendHead: { size: 13, weight: 700 },
  section: { size: 15, weight: 700 },
  entry: { size: 14, weight: 400 },
  note: { size: 12, weight: 400 },
  band: { size: 12, weight: 400 },
} as const satisfies Record<string, FontSpec>;

/** Line height of a font. */
const lh = (font: FontSpec) => Math.round(font.size * 1.36);

const SWATCH = 16;

/** Lays out a picture whose map is `map.width` × `map.height` CSS pixels. */
export function layoutExport(
  content: ExportContent,
  map: { width: number; height: number },
  measure: Measure,
  options: LayoutOptions = {},
): ExportLayout {
  const padding = options.padding ?? 24;
  const panelWidth = options.panelWidth ?? Math.round(Math.min(440, Math.max(320, map.width * 0.3)));
  const inner = panelWidth - 2 * padding;
  const ops: DrawOp[] = [];
  const lines: string[] = [];
  const swatches: SwatchPlace[] = [];
  const x = padding;
  let y = padding;

  const write = (text: string, font: FontSpec, ink: Ink, width = inner, left = x): void => {
    for (const line of wrapLines(text, width, (s) => measure(s, font))) {
      ops.push({ kind: 'text', text: line, x: left, y, font, ink });
      lines.push(line);
      y += lh(font);
    }
  };

  // The title card.
  write(content.title, FONTS.title, 'text');
  if (content.subtitle) write(content.subtitle, FONTS.subtitle, 'muted');
  for (const f of content.figures ?? []) {
    y += 10;
    ops.push({ kind: 'rule', rect: { x, y, width: inner, height: 1 } });
    y += 12;
    const gap = f.qualifier ? 6 : 0;
    const fit = fitFigure({
      available: inner,
      figure: measure(f.figure, FONTS.figure),
      qualifier: f.qualifier ? measure(f.qualifier, FONTS.qualifier) + gap : 0,
    });
    const figureFont: FontSpec = { ...FONTS.figure, size: FONTS.figure.size * fit.scale };
    const qualifierFont: FontSpec = { ...FONTS.qualifier, size: FONTS.qualifier.size * fit.scale };
    let left = x;
    if (f.qualifier && fit.qualifierAbove) {
      ops.push({ kind: 'text', text: f.qualifier, x, y, font: qualifierFont, ink: 'text' });
      lines.push(f.qualifier);
      y += lh(qualifierFont);
    } else if (f.qualifier) {
      // On the figure's line, bottoms aligned as the card sets the smaller qualifier.
      const drop = (figureFont.size - qualifierFont.size) * 0.78;
      ops.push({ kind: 'text', text: f.qualifier, x, y: y + drop, font: qualifierFont, ink: 'text' });
      left = x + (measure(f.qualifier, FONTS.qualifier) + gap) * fit.scale;
    }
    ops.push({ kind: 'text', text: f.figure, x: left, y, font: figureFont, ink: 'text' });
    lines.push(fit.qualifierAbove || !f.qualifier ? f.figure : `${f.qualifier} ${f.figure}`);
    y += Math.round(figureFont.size * 1.12);
    write(f.label, FONTS.label, 'text');
    if (f.source) write(f.source, FONTS.source, 'muted');
  }
  if (content.figuresSource) {
    y += 8;
    write(content.figuresSource, FONTS.source, 'muted');
  }
  const card: Rect = { x: 0, y: 0, width: panelWidth, height: y + 8 };

  // The legend of the layer shown.
  y += 22;
  const legendTop = y - 10;
  write(content.legend.title, FONTS.legendHead, 'muted');
  for (const section of content.legend.sections) {
    y += 8;
    write(section.title, FONTS.section, 'text');
    y += 2;
    for (const entry of section.entries) {
      const rowTop = y;
      const text = inner - SWATCH - 10;
      const before = ops.length;
      write(entry.label, FONTS.entry, 'text', text, x + SWATCH + 10);
      const rows = Math.max(1, ops.length - before);
      const rect: Rect = {
        x,
        y: rowTop + (lh(FONTS.entry) - SWATCH) / 2,
        width: SWATCH,
        height: SWATCH,
      };
      ops.push({ kind: 'swatch', shape: entry.shape, color: entry.color, rect });
      swatches.push({ section: section.key, key: entry.key, color: entry.color, shape: entry.shape, rect });
      y = rowTop + Math.max(rows * lh(FONTS.entry), SWATCH + 4);
    }
    if (section.note) {
      y += 2;
      write(section.note, FONTS.note, 'muted');
    }
  }
  const legend: Rect = { x: 0, y: legendTop, width: panelWidth, height: y + 6 - legendTop };
  const panelHeight = y + padding;

  // The band: sources, then attribution, across the whole width.
  const width = panelWidth + map.width;
  const contentHeight = Math.max(map.height, panelHeight);
  const bandLines = [...content.sources, ...content.attribution].flatMap((l) =>
    wrapLines(l, width - 2 * padding, (s) => measure(s, FONTS.band)),
  );
  const bandHeight = bandLines.length ? bandLines.length * lh(FONTS.band) + 2 * 10 : 0;
  bandLines.forEach((text, i) => {
    ops.push({
      kind: 'text',
      text,
      x: padding,
      y: contentHeight + 10 + i * lh(FONTS.band),
      font: FONTS.band,
      ink: 'muted',
    });
    lines.push(text);
  });

  return {
    width,
    height: contentHeight + bandHeight,
    panel: { x: 0, y: 0, width: panelWidth, height: contentHeight },
    card,
    legend,
    map: { x: panelWidth, y: 0, width: map.width, height: map.height },
    band: { x: 0, y: contentHeight, width, height: bandHeight },
    ops,
    swatches,
    lines,
  };
}
