/**
 * The current map as a PNG at twice its on-screen resolution, with the title, headline figures,
 * legend, sources and attribution drawn onto the same canvas, so the image stands on its own in
 * a slide deck or a report.
 *
 * The WebGL canvas is read right after a synchronous `map.redraw()`, in the same task: the
 * drawing buffer is cleared only when the browser composites the page, so no
 * `preserveDrawingBuffer` (and its cost on every frame) is needed. For the duration of the
 * export the map renders at `scale` times its size (`setPixelRatio`), so lines and labels are
 * sharp rather than enlarged.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { downloadBlob } from '../lib/download';

/** Resolution of the export relative to the map's CSS size. */
export const EXPORT_SCALE = 2;

/** One legend entry: a circle swatch and its label. */
export interface ExportLegendItem {
  color: string;
  label: string;
  /** Drawn as a ring (illustrative communities). */
  hollow?: boolean;
}

/** Everything drawn over the map. Plain text only: nothing is interpreted as markup. */
export interface ExportOverlay {
  title: string;
  subtitle?: string;
  /** Headline figures, already formatted, each with its source line. */
  figures?: { value: string; label: string; source: string }[];
  legendTitle: string;
  legend: ExportLegendItem[];
  /** Lines naming where the figures and data come from. */
  sources: string[];
  /** Lines of attribution (data, basemap, caveats). */
  attribution: string[];
  theme: 'light' | 'dark';
}

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

const PALETTE = {
  light: {
    panel: 'rgba(255,255,255,0.93)',
    text: '#14181c',
    muted: '#4a5157',
    rule: '#c9c3ba',
    band: 'rgba(255,255,255,0.9)',
  },
  dark: {
    panel: 'rgba(12,20,28,0.9)',
    text: '#f3f5f7',
    muted: '#b8c2cb',
    rule: '#3c4a57',
    band: 'rgba(12,20,28,0.88)',
  },
} as const;

/**
 * Splits `text` into lines no wider than `maxWidth` as `measure` reports widths. Breaks at
 * spaces where there are any, else between characters (Chinese has no spaces).
 */
export function wrapLines(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const tokens = paragraph.match(/\S+\s*|\s+/g) ?? [''];
    let line = '';
    const push = () => {
      if (line.trim()) lines.push(line.trimEnd());
      line = '';
    };
    for (const token of tokens) {
      if (measure(line + token.trimEnd()) <= maxWidth) {
        line += token;
        continue;
      }
      push();
      if (measure(token.trimEnd()) <= maxWidth) {
        line = token;
        continue;
      }
      // A token wider than a line (a Chinese sentence): break it between characters.
      for (const ch of token) {
        if (measure(line + ch) > maxWidth && line) push();
        line += ch;
      }
    }
    push();
  }
  return lines;
}

/** File name of an export: a safe slug of `name` and the date, e.g. `renovation-atlas-changsha-2025-01-31.png`. */
export function exportFileName(name: string, date: Date): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const day = date.toISOString().slice(0, 10);
  return `renovation-atlas${slug ? `-${slug}` : ''}-${day}.png`;
}

/** Draws the map's canvas (and any canvas overlaid on it, e.g. deck.gl's) at `scale`. */
function drawMap(
  ctx: CanvasRenderingContext2D,
  map: MapLibreMap,
  width: number,
  height: number,
  scale: number,
) {
  const container = map.getContainer();
  const previous = map.getPixelRatio();
  const overridden = previous !== devicePixelRatio;
  map.setPixelRatio(scale);
  try {
    map.redraw();
    ctx.drawImage(map.getCanvas(), 0, 0, width * scale, height * scale);
    for (const canvas of container.querySelectorAll('canvas')) {
      if (canvas === map.getCanvas() || !canvas.width || !canvas.height) continue;
      ctx.drawImage(canvas, 0, 0, width * scale, height * scale);
    }
  } finally {
    // Back to following the screen's own ratio unless something had fixed one before.
    map.setPixelRatio(overridden ? previous : (null as unknown as number));
  }
}

/** Writes `lines` from `y` down, `step` apart; returns the y below the last. */
function writeLines(
  ctx: CanvasRenderingContext2D,
  lines: string[],
  x: number,
  y: number,
  step: number,
): number {
  for (const line of lines) {
    ctx.fillText(line, x, y);
    y += step;
  }
  return y;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
}

/** Draws the overlay in CSS pixels (the context is already scaled). */
function drawOverlay(ctx: CanvasRenderingContext2D, overlay: ExportOverlay, width: number, height: number) {
  const c = PALETTE[overlay.theme];
  const font = (size: number, weight = 400) => `${weight} ${size}px ${FONT}`;
  const measure = (f: string) => (s: string) => {
    ctx.font = f;
    return ctx.measureText(s).width;
  };
  ctx.textBaseline = 'top';
  const margin = Math.round(Math.min(width, height) * 0.025) + 8;

  // Bottom band: sources, then attribution, across the whole width.
  const bandFont = font(12);
  const bandLines = [...overlay.sources, ...overlay.attribution].flatMap((l) =>
    wrapLines(l, width - 2 * margin, measure(bandFont)),
  );
  const bandHeight = bandLines.length ? bandLines.length * 17 + 16 : 0;
  if (bandHeight) {
    ctx.fillStyle = c.band;
    ctx.fillRect(0, height - bandHeight, width, bandHeight);
    ctx.fillStyle = c.muted;
    ctx.font = bandFont;
    bandLines.forEach((l, i) => ctx.fillText(l, margin, height - bandHeight + 8 + i * 17));
  }

  // Title panel, top left, with the figures under the title.
  const panelWidth = Math.min(560, width * 0.42);
  const inner = panelWidth - 36;
  const titleFont = font(32, 700);
  const titleLines = wrapLines(overlay.title, inner, measure(titleFont));
  const subtitleLines = overlay.subtitle ? wrapLines(overlay.subtitle, inner, measure(font(17))) : [];
  const figures = overlay.figures ?? [];
  const figureBlocks = figures.map((f) => ({
    value: f.value,
    label: wrapLines(f.label, inner, measure(font(16))),
    source: wrapLines(f.source, inner, measure(font(12))),
  }));
  // Top padding, title, subtitle, the gap before the figures and the bottom padding.
  let panelHeight = 18 + titleLines.length * 40 + subtitleLines.length * 24 + 12 + 14;
  for (const b of figureBlocks) panelHeight += 14 + 40 + b.label.length * 21 + b.source.length * 16;
  panelHeight = Math.min(panelHeight, height - bandHeight - 2 * margin);
  ctx.fillStyle = c.panel;
  roundRect(ctx, margin, margin, panelWidth, panelHeight, 10);
  ctx.save();
  ctx.beginPath();
  ctx.rect(margin, margin, panelWidth, panelHeight);
  ctx.clip();
  let y = margin + 18;
  const x = margin + 18;
  ctx.fillStyle = c.text;
  ctx.font = titleFont;
  y = writeLines(ctx, titleLines, x, y, 40);
  ctx.fillStyle = c.muted;
  ctx.font = font(17);
  y = writeLines(ctx, subtitleLines, x, y, 24);
  y += 12;
  for (const b of figureBlocks) {
    ctx.fillStyle = c.rule;
    ctx.fillRect(x, y, inner, 1);
    y += 14;
    ctx.fillStyle = c.text;
    ctx.font = font(34, 700);
    ctx.fillText(b.value, x, y);
    y += 40;
    ctx.font = font(16);
    y = writeLines(ctx, b.label, x, y, 21);
    ctx.fillStyle = c.muted;
    ctx.font = font(12);
    y = writeLines(ctx, b.source, x, y, 16);
  }
  ctx.restore();

  // Legend, bottom right above the band.
  if (overlay.legend.length) {
    const itemFont = font(15);
    const labelWidth = Math.max(...overlay.legend.map((l) => measure(itemFont)(l.label)));
    const headWidth = measure(font(15, 700))(overlay.legendTitle);
    const boxWidth = Math.max(labelWidth + 44, headWidth + 28);
    const boxHeight = 40 + overlay.legend.length * 24;
    const bx = width - margin - boxWidth;
    const by = height - bandHeight - margin - boxHeight;
    ctx.fillStyle = c.panel;
    roundRect(ctx, bx, by, boxWidth, boxHeight, 8);
    ctx.fillStyle = c.text;
    ctx.font = font(15, 700);
    ctx.fillText(overlay.legendTitle, bx + 14, by + 12);
    overlay.legend.forEach((item, i) => {
      const cy = by + 48 + i * 24;
      ctx.beginPath();
      ctx.arc(bx + 22, cy, 7, 0, 2 * Math.PI);
      if (item.hollow) {
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = item.color;
        ctx.stroke();
      } else {
        ctx.fillStyle = item.color;
        ctx.fill();
      }
      ctx.fillStyle = c.text;
      ctx.font = itemFont;
      ctx.fillText(item.label, bx + 38, cy - 10);
    });
  }
}

/** The map with `overlay` drawn on it, as a canvas `scale` times the map's CSS size. */
export async function renderMapImage(
  map: MapLibreMap,
  overlay: ExportOverlay,
  scale = EXPORT_SCALE,
): Promise<HTMLCanvasElement> {
  // Canvas text needs the CJK font loaded, or the first export falls back to a system face.
  await document.fonts?.ready;
  const container = map.getContainer();
  const width = container.clientWidth;
  const height = container.clientHeight;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  drawMap(ctx, map, width, height, scale);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  drawOverlay(ctx, overlay, width, height);
  return canvas;
}

/** Encodes a canvas as PNG. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** Renders the map with `overlay` and downloads it as `fileName`. Returns the PNG. */
export async function exportPng(map: MapLibreMap, overlay: ExportOverlay, fileName: string): Promise<Blob> {
  const png = await canvasToPng(await renderMapImage(map, overlay));
  downloadBlob(png, fileName);
  return png;
}
