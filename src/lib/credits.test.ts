import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '../i18n/messages';
import { citeSource, dataSourceLines, programmeDocuments, type CitedProgramme } from './credits';

const CHANGSHA: CitedProgramme = {
  sources: ['000_3984d62c0898ea74.txt'],
  documents: [
    {
      ref: '000_3984d62c0898ea74.txt',
      title: '长沙推动既有小区品质三年行动',
      title_en: 'Changsha pushes a three-year campaign',
      byline: '王文、蒋宏装',
      byline_en: 'Wang Wen, Jiang Hongzhuang',
    },
  ],
};
const BAIYIN: CitedProgramme = {
  sources: ['003_f8a48e91c9e19b1e.txt'],
  documents: [{ ref: '003_f8a48e91c9e19b1e.txt', description_zh: '白银区纺织路街道老旧小区改造' }],
};
/** A city's programme whose file gives no documents. */
const BARE: CitedProgramme = { sources: ['plan-2024.pdf'] };

// English text is a chunk of its own on the page (src/i18n/messages.ts); in English it is loaded first.
beforeAll(() => loadMessages('en'));

describe('citeSource', () => {
  it('names a source by its document, in the language', () => {
    expect(citeSource('000_3984d62c0898ea74.txt', [BAIYIN, CHANGSHA], 'zh')).toBe(
      '《长沙推动既有小区品质三年行动》，王文、蒋宏装',
    );
    expect(citeSource('003_f8a48e91c9e19b1e.txt', [BAIYIN, CHANGSHA], 'en')).toBe(
      '白银区纺织路街道老旧小区改造 (news report, title not given)',
    );
  });

  it('keeps the file name where no document describes the source', () => {
    expect(citeSource('plan-2024.pdf', [CHANGSHA, BARE], 'zh')).toBe('plan-2024.pdf');
  });
});

describe('programmeDocuments', () => {
  it('lists each document once, the first description of a ref winning', () => {
    const again: CitedProgramme = {
      sources: [],
      documents: [{ ref: '000_3984d62c0898ea74.txt', title: '别的' }],
    };
    expect(
      programmeDocuments([CHANGSHA, BARE, again, BAIYIN]).map((d) => d.title ?? d.description_zh),
    ).toEqual(['长沙推动既有小区品质三年行动', '白银区纺织路街道老旧小区改造']);
  });
});

describe('dataSourceLines', () => {
  const attribution = [
    'Renovation data: the ledgers listed under inputs',
    'Published figures: 000_3984d62c0898ea74.txt',
    'Published figures: 003_f8a48e91c9e19b1e.txt',
  ];

  it('replaces file names with citations and says the build’s lines in Chinese', () => {
    expect(dataSourceLines(attribution, [CHANGSHA, BAIYIN, BARE], 'zh')).toEqual([
      '改造数据：构建本地图所用的台账',
      '公开数字：《长沙推动既有小区品质三年行动》，王文、蒋宏装',
      '公开数字：白银区纺织路街道老旧小区改造（报道，标题未载）',
      '公开数字：plan-2024.pdf',
    ]);
  });

  it('writes English lines with the translated title marked', () => {
    const lines = dataSourceLines(attribution, [CHANGSHA, BAIYIN], 'en');
    expect(lines).toEqual([
      'Renovation data: the ledgers this map was built from',
      'Published figures: “Changsha pushes a three-year campaign” (translated title) 《长沙推动既有小区品质三年行动》, Wang Wen, Jiang Hongzhuang',
      'Published figures: 白银区纺织路街道老旧小区改造 (news report, title not given)',
    ]);
    expect(lines.join('\n')).not.toMatch(/\.txt/);
    expect(dataSourceLines(attribution.slice(1, 2), [CHANGSHA], 'en', { short: true })).toEqual([
      'Published figures: 《长沙推动既有小区品质三年行动》, Wang Wen, Jiang Hongzhuang',
    ]);
  });

  it('adds the file names for print when asked', () => {
    expect(dataSourceLines(attribution.slice(1), [CHANGSHA, BAIYIN], 'zh', { withRef: true })).toEqual([
      '公开数字：《长沙推动既有小区品质三年行动》，王文、蒋宏装（文件 000_3984d62c0898ea74.txt）',
      '公开数字：白银区纺织路街道老旧小区改造（报道，标题未载）（文件 003_f8a48e91c9e19b1e.txt）',
    ]);
  });

  it('keeps other attribution lines and names each source once', () => {
    expect(
      dataSourceLines(['Boundaries: county data', ...attribution.slice(1, 2)], [CHANGSHA, CHANGSHA], 'zh'),
    ).toEqual(['Boundaries: county data', '公开数字：《长沙推动既有小区品质三年行动》，王文、蒋宏装']);
  });
});
