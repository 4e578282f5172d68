import { describe, expect, it } from 'vitest';
import type { ManifestProgramme } from '../../src/contracts/manifest';
import { STAGES } from '../../src/domain/vocabulary';
import { citations, ogContent, placeName, sourceLine } from './og-content';
import { NO_PROGRAMME, NO_STAGE, type CommunityPoints } from './overview-map';

const figure = (key: string, source: string) =>
  ({
    key,
    label_zh: key,
    label_en: key,
    value: 1,
    unit: '个',
    value_canonical: 1,
    quote: key,
    source,
  }) as never;

const programme = (over: Partial<ManifestProgramme>): ManifestProgramme =>
  ({
    id: 'p',
    name: '计划',
    name_en: 'plan',
    province: '福建省',
    city: '厦门市',
    period: { start: '2023' },
    summary_zh: '',
    summary_en: '',
    source: '002_x.txt',
    figures: [],
    communities: 0,
    ...over,
  }) as ManifestProgramme;

function points(stages: number[], synthetic: number[]): CommunityPoints {
  return {
    lng: new Float64Array(stages.length),
    lat: new Float64Array(stages.length),
    stage: Uint8Array.from(stages),
    synthetic: Uint8Array.from(synthetic),
    programme: new Uint16Array(stages.length).fill(NO_PROGRAMME),
    programmeIds: [],
    length: stages.length,
  };
}

const OPTIONS = { title: '小区焕新地图', subtitle: '城镇老旧小区改造进展' };
const completed = STAGES.indexOf('completed');
const design = STAGES.indexOf('design');

describe('citations', () => {
  it('cites each document once, readable when the programme describes it, by file name otherwise', () => {
    const xiamen = programme({
      source: '002_x.txt',
      documents: [{ ref: '002_x.txt', title: '廈門：近鄰思明 家園煥新', byline: '記者 吳燕如' }],
      figures: [figure('a', '002_x.txt'), figure('b', '009_y.txt')],
    });
    expect(citations([xiamen])).toEqual(['《廈門：近鄰思明 家園煥新》，記者 吳燕如', '009_y.txt']);
  });
});

describe('placeName', () => {
  it('names the city, or city and district without saying the city twice', () => {
    expect(placeName({ city: '长沙市' })).toBe('长沙市');
    expect(placeName({ city: '厦门市', district: '思明区' })).toBe('厦门思明区');
    expect(placeName({ city: '白银市', district: '白银区' })).toBe('白银区');
  });
});

describe('sourceLine', () => {
  it('shows the first citations and counts the rest, with the basemap’s credit', () => {
    expect(sourceLine(['《甲》', '《乙》', '《丙》'], '底图：NE', 2)).toBe(
      '来源：《甲》；《乙》 等 3 篇 · 底图：NE',
    );
    expect(sourceLine(['《甲》'], '底图：NE')).toBe('来源：《甲》 · 底图：NE');
    expect(sourceLine([], '底图：NE')).toBe('来源：各地改造台账 · 底图：NE');
  });
});

describe('ogContent', () => {
  it('gives programmes, communities with the illustrative count, and the published figures', () => {
    const content = ogContent(
      {
        programmes: [
          programme({ city: '厦门市', district: '思明区', figures: [figure('a', '002_x.txt')] }),
          programme({
            city: '长沙市',
            source: '000_z.txt',
            figures: [figure('b', '000_z.txt'), figure('c', '000_z.txt')],
          }),
        ],
      },
      points([completed, completed, design, NO_STAGE], [1, 1, 0, 1]),
      OPTIONS,
    );
    expect(content.figures.map((f) => [f.value, f.label])).toEqual([
      ['2', '改造计划'],
      ['4', '地图上的小区'],
      ['3', '公开报道数字'],
    ]);
    expect(content.figures[0]!.note).toBe('厦门市思明区、长沙市');
    expect(content.figures[1]!.note).toBe('其中 3 个为示意数据，非真实小区');
    expect(content.figures[2]!.note).toContain('2 篇报道');
    // Stages present, in programme order, then "unknown" and the illustrative ring.
    expect(content.legend.map((l) => l.label)).toEqual(['方案设计', '已完工', '状态未知', '示意数据']);
    expect(content.alt).toContain('其中 3 个为示意数据');
    expect(content.alt).toContain('来源：002_x.txt；000_z.txt');
  });

  it('without programmes, says the completion is computed from the ledger', () => {
    const content = ogContent(
      { programmes: [] },
      points([completed, design, design, design], [0, 0, 0, 0]),
      OPTIONS,
    );
    expect(content.figures.map((f) => [f.value, f.label, f.note])).toEqual([
      ['4', '地图上的小区', '均来自改造台账'],
      ['25%', '已完工', '按台账计算'],
    ]);
    expect(content.legend.map((l) => l.label)).not.toContain('示意数据');
  });
});
