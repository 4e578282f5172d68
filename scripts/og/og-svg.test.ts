import { describe, expect, it } from 'vitest';
import { STAGES, type Stage } from '../../src/domain/vocabulary';
import type { OgContent } from './og-content';
import { OG_HEIGHT, OG_WIDTH, ogImageSvg, type OgImageInput } from './og-svg';
import { NO_STAGE, type CommunityPoints } from './overview-map';
import { renderPng } from './render-png';
import { testColors } from './test-colors';

const STAGE_COLORS = Object.fromEntries(
  STAGES.map((s, i) => [s, `#0000${(i + 1).toString(16).padStart(2, '0')}`]),
) as Record<Stage, string>;
const HOSTILE = '<b>x</b><img src=x onerror=alert(1)>&';

function input(over: Partial<OgImageInput> = {}): OgImageInput {
  const content: OgContent = {
    places: { changsha: '长沙市', xiamen: '厦门思明区' },
    title: '小区焕新地图',
    subtitle: '城镇老旧小区改造进展',
    figures: [{ value: '1,229', unit: '个', label: '地图上的小区', note: HOSTILE }],
    legend: [{ label: HOSTILE, stage: 0 }],
    sources: [`《${HOSTILE}》`],
    credit: '底图：Natural Earth',
    alt: '',
  };
  const points: CommunityPoints = {
    lng: Float64Array.from([112.9, 112.95, 118.1]),
    lat: Float64Array.from([28.2, 28.25, 24.5]),
    stage: Uint8Array.from([STAGES.indexOf('completed'), STAGES.indexOf('design'), NO_STAGE]),
    synthetic: Uint8Array.from([0, 1, 0]),
    programme: Uint16Array.from([0, 0, 1]),
    programmeIds: ['changsha', 'xiamen'],
    length: 3,
  };
  return {
    content,
    land: [
      [
        [
          [110, 20],
          [120, 20],
          [120, 30],
          [110, 30],
          [110, 20],
        ],
      ],
    ],
    points,
    bbox: [112.9, 24.5, 118.1, 28.25],
    colors: testColors(STAGE_COLORS),
    marks: {
      solid: { fillOpacity: 0.9, strokeWidth: 1, strokeColor: '#ffffff' },
      synthetic: { fillOpacity: 0.2, strokeWidth: 2 },
    },
    fontFamily: 'Noto Sans CJK SC, sans-serif',
    ...over,
  };
}

describe('ogImageSvg', () => {
  it('is a 1200 × 630 SVG in which data text stays text', async () => {
    const svg = ogImageSvg(input());
    expect(svg).toContain(`width="${OG_WIDTH}" height="${OG_HEIGHT}"`);
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;');
    // resvg parses it: well-formed XML whatever the data says.
    await expect(renderPng(svg, { files: [], family: null, cjk: false })).resolves.toBeInstanceOf(Uint8Array);
  });

  it('marks each community in its stage colour, illustrative ones as rings, no stage in the unknown colour', () => {
    const svg = ogImageSvg(input());
    const circles = svg.split('\n').filter((l) => l.startsWith('<circle'));
    const onMap = circles.filter((c) => Number(/cx="([\d.]+)"/.exec(c)![1]) > 430);
    expect(onMap).toHaveLength(3);
    expect(onMap.find((c) => c.includes(STAGE_COLORS.completed))).toContain('stroke="#ffffff"');
    expect(onMap.find((c) => c.includes(STAGE_COLORS.design))).toContain(`stroke="${STAGE_COLORS.design}"`);
    expect(onMap.some((c) => c.includes('#d0c8b8'))).toBe(true);
  });

  it('names each programme’s place on the map, as text', () => {
    const svg = ogImageSvg(input());
    expect(svg).toMatch(/<text [^>]*paint-order="stroke">长沙市<\/text>/);
    expect(svg).toMatch(/<text [^>]*paint-order="stroke">厦门思明区<\/text>/);
  });

  it('draws the land in view and all of China when there is no extent', () => {
    expect(ogImageSvg(input())).toMatch(/<path d="M[\d.]+ [\d.]+L/);
    const empty = ogImageSvg(input({ bbox: null, points: { ...input().points, length: 0 } }));
    expect(empty).toMatch(/<path d="M/);
  });
});
