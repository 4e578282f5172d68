/**
 * The current map as a PNG for a slide deck or a handout: a side panel with the title card and
 * the legend of the layer shown, the map beside it, and a band of sources and attribution below
 * (the layout is export-layout.ts), so nothing covers the data and the image stands on its own.
 *
 * The map is drawn again for the export at `scale` device pixels per CSS pixel, not copied from
 * the screen: MapLibre through `setPixelRatio` and a synchronous `redraw()`, the deck.gl funding
 * hexagons through their overlay's `renderAt`. Each canvas is read right after it is drawn, in
 * the same task: the drawing buffer is cleared only when the browser composites the page, so no
 * `preserveDrawingBuffer` (and its cost on every frame) is needed. The PNG carries its legend
 * and layout as text (png-text.ts, keyword EXPORT_KEYWORD).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '../i18n/messages';
import { downloadBlob } from '../lib/download';
import type { ExportLegend } from './export-legend';
import {
  layoutExport,
  type ExportContent,
  type ExportLayout,
  type FontSpec,
  type Ink,
} from './export-layout';
import { withTextChunk } from './png-text';

/** Resolution of the export relative to the map's CSS size. */
export const EXPORT_SCALE = 2;

/** Keyword of the PNG text chunk holding the export's record (ExportRecord as JSON). */
export const EXPORT_KEYWORD = 'renovation-atlas-export';

/** What an export writes besides the map. */
export interface ExportOverlay extends ExportContent {
  theme: 'light' | 'dark';
  lang: Lang;
}

/** A layer drawn on its own canvas over the map (the deck.gl hexagons), redrawn for the export. */
export interface OverlayRenderer {
  /** Draws at `pixelRatio` and hands the canvas (null: nothing shown) to `use` in the same task. */
  renderAt(pixelRatio: number, use: (canvas: HTMLCanvasElement | null) => void): void;
}

/** A part of the map container, in CSS pixels. */
export interface MapArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Options of an export, with their defaults. */
export interface ExportOptions {
  /** Device pixels per CSS pixel of the picture. Default EXPORT_SCALE. */
  scale?: number;
  /** The part of the map to show (a slide leaves out what its card covers). Default: all of it. */
  area?: MapArea | null;
  /** The funding hexagons' overlay, drawn again at the export's resolution. Default none. */
  overlay?: OverlayRenderer | null;
  /** Width of the side panel in CSS pixels. Default: export-layout.ts's, from the map's width. */
  panelWidth?: number;
}

/** What an exported picture shows, as its PNG carries it: the legend and where things are drawn. */
export interface ExportRecord {
  lang: Lang;
  theme: 'light' | 'dark';
  /** Image pixels per CSS pixel: the layout's rectangles times this are image pixels. */
  scale: number;
  legend: ExportLegend;
  layout: Omit<ExportLayout, 'ops'>;
  /** Device pixels per CSS pixel the map and the hexagons were drawn at (null: no hexagons). */
  drawn: { map: number; hexagons: number | null };
}

/** The page's own font stacks (src/app.css): CJK first for Chinese, Latin first for English. */
const FONTS: Readonly<Record<Lang, string>> = {
  zh: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', system-ui, sans-serif",
  en: "system-ui, 'Noto Sans', 'Noto Sans CJK SC', sans-serif",
};

/** Opaque grounds: the panel and the band are outside the map, nothing shows through them. */
const PALETTE = {
  light: { panel: '#ffffff', band: '#f3f0ea', text: '#14181c', muted: '#4a5157', rule: '#c9c3ba' },
  dark: { panel: '#0c141c', band: '#071016', text: '#f3f5f7', muted: '#b8c2cb', rule: '#3c4a57' },
} as const satisfies Record<string, Record<Ink | 'panel' | 'band', string>>;

const css = (font: FontSpec, lang: Lang) => `${font.weight} ${font.size}px ${FONTS[lang]}`;

/** File name of an export: a safe slug of `name` and the date, e.g. `renovation-atlas-changsha-2025-01-31.png`. */
export function exportFileName(name: string, date: Date): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const day = date.toISOString().slice(0, 10);
  return `renovation-atlas${slug ? `-${slug}` : ''}-${day}.png`;
}

/**
 * Draws `area` of the map (and of the overlay) into `dest` (CSS pixels of the scaled context),
 * rendered at `scale`. Returns the pixel ratios actually drawn at.
 */
function drawMap(
  ctx: CanvasRenderingContext2D,
  map: MapLibreMap,
  area: MapArea,
  dest: { x: number; y: number },
  scale: number,
  overlay: OverlayRenderer | null,
): ExportRecord['drawn'] {
  const cssWidth = map.getContainer().clientWidth;
  const put = (canvas: HTMLCanvasElement) => {
    const r = canvas.width / cssWidth;
    ctx.drawImage(
      canvas,
      area.left * r,
      area.top * r,
      area.width * r,
      area.height * r,
      dest.x,
      dest.y,
      area.width,
      area.height,
    );
    return r;
  };
  const previous = map.getPixelRatio();
  const overridden = previous !== devicePixelRatio;
  map.setPixelRatio(scale);
  try {
    map.redraw();
    const drawn: ExportRecord['drawn'] = { map: put(map.getCanvas()), hexagons: null };
    overlay?.renderAt(scale, (canvas) => {
      if (canvas?.width) drawn.hexagons = put(canvas);
    });
    return drawn;
  } finally {
    // Back to following the screen's own ratio unless something had fixed one before.
    map.setPixelRatio(overridden ? previous : (null as unknown as number));
  }
}

/** Paints a legend swatch in its square. */
function drawSwatch(
  ctx: CanvasRenderingContext2D,
  op: Extract<ExportLayout['ops'][number], { kind: 'swatch' }>,
) {
  const { x, y, width: w, height: h } = op.rect;
  const cx = x + w / 2;
  const cy = y + h / 2;
  ctx.fillStyle = op.color;
  ctx.strokeStyle = op.color;
  ctx.beginPath();
  switch (op.shape) {
    case 'dot':
      ctx.arc(cx, cy, w / 2 - 1, 0, 2 * Math.PI);
      ctx.fill();
      break;
    case 'ring':
      ctx.lineWidth = 3;
      ctx.arc(cx, cy, w / 2 - 2.5, 0, 2 * Math.PI);
      ctx.stroke();
      break;
    case 'box':
      ctx.rect(x, y + 2, w, h - 4);
      ctx.fill();
      break;
    case 'line':
      ctx.lineWidth = 5;
      ctx.lineCap = 'round';
      ctx.moveTo(x + 2, cy);
      ctx.lineTo(x + w - 2, cy);
      ctx.stroke();
      break;
    case 'square':
      ctx.rect(x + 2, y + 2, w - 4, h - 4);
      ctx.fill();
      break;
    case 'diamond':
      ctx.moveTo(cx, y);
      ctx.lineTo(x + w, cy);
      ctx.lineTo(cx, y + h);
      ctx.lineTo(x, cy);
      ctx.closePath();
      ctx.fill();
      break;
    case 'triangle':
      ctx.moveTo(cx, y + 1);
      ctx.lineTo(x + w, y + h - 1);
      ctx.lineTo(x, y + h - 1);
      ctx.closePath();
      ctx.fill();
      break;
  }
}

/** The map with `overlay` laid out around it, as a canvas, and the record of what it shows. */
export async function renderMapImage(
  map: MapLibreMap,
  overlay: ExportOverlay,
  options: ExportOptions = {},
): Promise<{ canvas: HTMLCanvasElement; record: ExportRecord }> {
  const scale = options.scale ?? EXPORT_SCALE;
  // Canvas text needs the CJK font loaded, or the first export falls back to a system face.
  await document.fonts?.ready;
  const container = map.getContainer();
  const area = options.area ?? {
    left: 0,
    top: 0,
    width: container.clientWidth,
    height: container.clientHeight,
  };
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) throw new Error('no 2D canvas context');
  const layout = layoutExport(
    overlay,
    area,
    (text, font) => {
      probe.font = css(font, overlay.lang);
      return probe.measureText(text).width;
    },
    options.panelWidth ? { panelWidth: options.panelWidth } : {},
  );

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(layout.width * scale);
  canvas.height = Math.round(layout.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const c = PALETTE[overlay.theme];
  ctx.fillStyle = c.panel;
  ctx.fillRect(0, 0, layout.width, layout.band.y);
  ctx.fillStyle = c.band;
  ctx.fillRect(layout.band.x, layout.band.y, layout.band.width, layout.band.height);
  const drawn = drawMap(ctx, map, area, layout.map, scale, options.overlay ?? null);

  ctx.textBaseline = 'top';
  for (const op of layout.ops) {
    if (op.kind === 'text') {
      ctx.font = css(op.font, overlay.lang);
      ctx.fillStyle = c[op.ink];
      ctx.fillText(op.text, op.x, op.y);
    } else if (op.kind === 'rule') {
      ctx.fillStyle = c.rule;
      ctx.fillRect(op.rect.x, op.rect.y, op.rect.width, op.rect.height);
    } else {
      drawSwatch(ctx, op);
    }
  }
  const { ops: _ops, ...placed } = layout;
  return {
    canvas,
    record: {
      lang: overlay.lang,
      theme: overlay.theme,
      scale,
      legend: overlay.legend,
      layout: placed,
      drawn,
    },
  };
}

/** Encodes a canvas as PNG. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/**
 * Renders the map with `overlay`, downloads it as `fileName` with its record inside, and returns
 * the PNG and the record.
 */
export async function exportPng(
  map: MapLibreMap,
  overlay: ExportOverlay,
  fileName: string,
  options: ExportOptions = {},
): Promise<{ png: Blob; record: ExportRecord }> {
  const { canvas, record } = await renderMapImage(map, overlay, options);
  const bytes = new Uint8Array(await (await canvasToPng(canvas)).arrayBuffer());
  const png = new Blob([withTextChunk(bytes, EXPORT_KEYWORD, JSON.stringify(record))], { type: 'image/png' });
  downloadBlob(png, fileName);
  return { png, record };
}
