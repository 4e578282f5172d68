import { describe, expect, it } from 'vitest';
import type { ExportLegend } from './export-legend';
import { layoutExport, type ExportContent, type Measure, type Rect } from './export-layout';

/** Every character 0.55 em wide (CJK a full em), as a rough stand-in for a font. */
const measure: Measure = (text, font) =>
  [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55) * font.size, 0);

const legend: ExportLegend = {
  layer: 'funding',
  title: '资金密度',
  sections: [
    {
      key: 'funding',
      title: '中央补助 · 元 / 平方公里',
      entries: [
        { key: '0', color: '#fff3b0', label: '< 1.2万元', shape: 'box' },
        { key: '1', color: '#fdd17a', label: '≥ 1.2万元', shape: 'box' },
        { key: 'none', color: '#cfc9bf', label: '无该项资金记录', shape: 'box' },
      ],
      note: '按分位数分级，每级六边形数量相近。',
    },
  ],
};

const content: ExportContent = {
  title: 'Xiangtan Yuhu: money from beyond the budget',
  subtitle: '2020 · Renovation Atlas',
  figures: [
    { qualifier: 'about', figure: '¥31.1M', label: 'Social capital', source: 'Source: report' },
    { qualifier: '', figure: '¥78.5M', label: 'Fiscal funds', source: '' },
  ],
  legend,
  sources: ['Published figures: a long citation of the document'],
  attribution: ['Basemap: Natural Earth'],
};

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (a: Rect, b: Rect) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe('the layout of an exported picture', () => {
  it('keeps the map clear of the title card, the legend and the band', () => {
    const layout = layoutExport(content, { width: 1100, height: 800 }, measure);
    expect(layout.map).toEqual({ x: layout.panel.width, y: 0, width: 1100, height: 800 });
    for (const r of [layout.card, layout.legend, layout.band]) expect(overlaps(layout.map, r)).toBe(false);
    expect(layout.width).toBe(layout.panel.width + 1100);
    expect(layout.height).toBe(800 + layout.band.height);
    // Every swatch and every line of the panel lies inside the panel.
    for (const s of layout.swatches) expect(inside(s.rect, layout.legend)).toBe(true);
    for (const op of layout.ops)
      if (op.kind === 'text' && op.y < layout.band.y) expect(op.x).toBeLessThan(layout.panel.width);
  });

  it('places one swatch per legend entry, in order, in the entry’s colour', () => {
    const layout = layoutExport(content, { width: 1100, height: 800 }, measure);
    expect(layout.swatches.map((s) => [s.section, s.key, s.color, s.shape])).toEqual(
      legend.sections[0]!.entries.map((e) => ['funding', e.key, e.color, e.shape]),
    );
    const ys = layout.swatches.map((s) => s.rect.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(layout.lines).toContain('中央补助 · 元 / 平方公里');
  });

  it('grows the picture when the panel is taller than the map, never cutting the legend', () => {
    const layout = layoutExport(content, { width: 500, height: 200 }, measure);
    expect(layout.panel.height).toBeGreaterThan(200);
    expect(layout.legend.y + layout.legend.height).toBeLessThanOrEqual(layout.band.y);
    expect(layout.height).toBe(layout.panel.height + layout.band.height);
  });

  it('never breaks a figure inside its number: shrinks it, or sets the qualifier above', () => {
    const narrow = layoutExport(
      { ...content, figures: [{ qualifier: 'more than', figure: '¥1,234,567,890', label: 'l', source: '' }] },
      { width: 400, height: 800 },
      measure,
      { panelWidth: 320 },
    );
    const figure = narrow.ops.find((op) => op.kind === 'text' && op.text === '¥1,234,567,890');
    expect(figure?.kind).toBe('text');
    if (figure?.kind !== 'text') return;
    expect(figure.x + measure(figure.text, figure.font)).toBeLessThanOrEqual(320 - 24);
    const qualifier = narrow.ops.find((op) => op.kind === 'text' && op.text === 'more than');
    // Moved above: on a line of its own, over the number.
    expect(qualifier?.kind === 'text' && qualifier.y < figure.y).toBe(true);
    expect(narrow.lines).toContain('¥1,234,567,890');
  });
});
