import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  documentFor,
  formatCitation,
  formatDocumentDate,
  isDocumentDate,
  sourceDocumentIssues,
  type SourceDocument,
} from './citation';
import type { Programme } from './programmes';

const programmes = JSON.parse(readFileSync(resolve('data/programmes.json'), 'utf8')) as Programme[];
const documents = programmes.flatMap((p) => p.documents ?? []);
/** The seed articles live outside the repository (they are not ours to redistribute). */
const SEEDS_DIR = process.env.RENOVATION_SEEDS_DIR ?? resolve('..', 'shared', 'seeds');

const REFS = [
  '000_3984d62c0898ea74.txt',
  '001_b5f242886d659bb7.txt',
  '002_2e9c307035d5b65a.txt',
  '003_f8a48e91c9e19b1e.txt',
  '004_4796ed357d7a9c8a.txt',
] as const;

// Written out from the articles themselves (title lines, bylines, the dateline of 001), not from
// the data file: the data must produce these.
const EXPECTED: Record<(typeof REFS)[number], { zh: string; en: string }> = {
  '000_3984d62c0898ea74.txt': {
    zh: '《长沙推动既有小区品质三年行动》，王文、蒋宏装',
    en: '“Changsha pushes a three-year campaign to upgrade existing residential communities” (translated title) 《长沙推动既有小区品质三年行动》, Wang Wen, Jiang Hongzhuang',
  },
  '001_b5f242886d659bb7.txt': {
    zh: '《聚焦共同缔造彰显智慧美好》，xx区人民政府，2020年8月24日',
    en: "“Focus on co-creation, bring out smart and beautiful communities” (translated title) 《聚焦共同缔造彰显智慧美好》, xx District People's Government, 24 Aug 2020",
  },
  '002_2e9c307035d5b65a.txt': {
    zh: '《廈門：近鄰思明 家園煥新》，記者 吳燕如 通訊員 夏思萱',
    en: '“Xiamen: neighbourly Siming, homes renewed” (translated title) 《廈門：近鄰思明 家園煥新》, reporter Wu Yanru, correspondent Xia Sixuan',
  },
  '003_f8a48e91c9e19b1e.txt': {
    zh: '甘肃省白银市白银区纺织路街道老旧小区改造（报道，标题未载）',
    en: 'Renovation of old communities in Fangzhilu Sub-district, Baiyin District, Baiyin, Gansu (news report, title not given)',
  },
  '004_4796ed357d7a9c8a.txt': {
    zh: '《改造旧小区 过上“新生活”——石泉县创新推进城镇老旧小区改造纪实》，通讯员 许兵 孟少猛',
    en: '“Renovate old communities, live a ‘new life’: how Shiquan County found new ways to renovate its old urban communities” (translated title) 《改造旧小区 过上“新生活”——石泉县创新推进城镇老旧小区改造纪实》, correspondents Xu Bing, Meng Shaomeng',
  },
};

describe('the seed documents of data/programmes.json', () => {
  it.each(REFS)('cites %s readably in Chinese and English', (ref) => {
    const doc = documentFor(ref, documents);
    expect(doc, ref).toBeDefined();
    expect(formatCitation(doc, 'zh')).toBe(EXPECTED[ref].zh);
    expect(formatCitation(doc, 'en')).toBe(EXPECTED[ref].en);
    expect(formatCitation(doc, 'zh', { withRef: true })).toBe(`${EXPECTED[ref].zh}（文件 ${ref}）`);
    expect(formatCitation(doc, 'en', { withRef: true })).toBe(`${EXPECTED[ref].en} (file ${ref})`);
  });

  it('gives each programme the document of its own source, and every document passes the checks', () => {
    for (const p of programmes) {
      expect(documentFor(p.source, p.documents ?? [])?.ref, p.id).toBe(p.source);
      p.documents?.forEach((d, i) => expect(sourceDocumentIssues(d, `${p.id}[${i}]`)).toEqual([]));
    }
  });
});

describe.skipIf(!existsSync(SEEDS_DIR))('the documents against the seed articles', () => {
  // The extracted texts use ASCII punctuation and spacing of their own: compare without it.
  const squeeze = (s: string) => s.replace(/[\s:：、,，()（）]/g, '');
  const seed = (ref: string) => squeeze(readFileSync(join(SEEDS_DIR, ref), 'utf8'));

  it('takes every title, byline name, issuer and date from the article text', () => {
    for (const doc of documents) {
      const text = seed(doc.ref);
      if (doc.title) expect(text, `${doc.ref} title`).toContain(squeeze(doc.title));
      if (doc.issuer) expect(text, `${doc.ref} issuer`).toContain(squeeze(doc.issuer));
      if (doc.byline) expect(text, `${doc.ref} byline`).toContain(squeeze(doc.byline));
      if (doc.date) expect(text, `${doc.ref} date`).toContain(squeeze(formatDocumentDate(doc.date, 'zh')));
    }
  });

  it('describes, marked as untitled, only the article that prints no title or byline', () => {
    const untitled = documents.filter((d) => !d.title).map((d) => d.ref);
    expect(untitled).toEqual(['003_f8a48e91c9e19b1e.txt']);
    // 003 opens with captions, then the report; no reporter or correspondent is named.
    expect(seed('003_f8a48e91c9e19b1e.txt')).not.toMatch(/記者|记者|通訊員|通讯员/);
  });
});

describe('formatCitation', () => {
  it('falls back to the ref for a source no document describes', () => {
    expect(formatCitation(undefined, 'zh', { ref: 'plan.pdf' })).toBe('plan.pdf');
    expect(formatCitation(undefined, 'en')).toBe('');
    expect(formatCitation({ ref: 'plan.pdf' }, 'en')).toBe('plan.pdf');
  });

  it('leaves the translated title out of a short English citation', () => {
    const doc = documentFor('001_b5f242886d659bb7.txt', documents);
    expect(formatCitation(doc, 'en', { short: true })).toBe(
      "《聚焦共同缔造彰显智慧美好》, xx District People's Government, 24 Aug 2020",
    );
    expect(formatCitation(doc, 'zh', { short: true })).toBe(EXPECTED['001_b5f242886d659bb7.txt'].zh);
  });

  it.each<[string, SourceDocument, string, string]>([
    [
      'keeps an untranslated title as published and adds 《》 once',
      { ref: 'a.txt', title: '关于推进改造的通知', issuer: '某市住建局', date: '2021-03' },
      '《关于推进改造的通知》，某市住建局，2021年3月',
      '《关于推进改造的通知》, 某市住建局, Mar 2021',
    ],
    [
      'names the publication in 《》 in Chinese and plainly in English',
      { ref: 'b.txt', title: '标题', publication: '湖南日报', publication_en: 'Hunan Daily', date: '2024' },
      '《标题》，《湖南日报》，2024年',
      '《标题》, Hunan Daily, 2024',
    ],
  ])('%s', (_name, doc, zh, en) => {
    expect(formatCitation(doc, 'zh')).toBe(zh);
    expect(formatCitation(doc, 'en')).toBe(en);
  });
});

describe('dates', () => {
  it.each([
    ['2020-08-24', 'zh', '2020年8月24日'],
    ['2020-08-24', 'en', '24 Aug 2020'],
    ['2020-12', 'en', 'Dec 2020'],
    ['2020', 'zh', '2020年'],
  ] as const)('formats %s in %s as %s', (date, lang, text) => {
    expect(formatDocumentDate(date, lang)).toBe(text);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2020-13', false],
    ['2020-08-24T00:00', false],
    ['2020年8月', false],
  ])('accepts %s as a date: %s', (date, ok) => {
    expect(isDocumentDate(date)).toBe(ok);
  });
});

describe('sourceDocumentIssues', () => {
  const at = 'programmes[0].documents[0]';
  it('names each problem of a malformed document with its path', () => {
    expect(sourceDocumentIssues('000.txt', at)).toEqual([
      `${at}: expected a document object { ref, title | description_zh, … }`,
    ]);
    expect(
      sourceDocumentIssues({ ref: '', titel: '长沙', title_en: 'Changsha', date: '2020-02-30' }, at),
    ).toEqual([
      `${at}.titel: unknown field; a document has ref, title, title_en, byline, byline_en, issuer, issuer_en, publication, publication_en, date, description_zh, description_en`,
      `${at}.ref: expected the file name the figures cite as their source`,
      `${at}: give the title as published, or, when the text has none, a description_zh (shown marked "报道，标题未载")`,
      `${at}.title_en: an English title needs the original title it renders`,
      `${at}.date: "2020-02-30" is not a date YYYY, YYYY-MM or YYYY-MM-DD`,
    ]);
  });

  it('refuses book-title marks, blank fields, and a description beside a title', () => {
    expect(
      sourceDocumentIssues({ ref: 'a.txt', title: '《标题》', byline: ' ', description_zh: '报道' }, at),
    ).toEqual([
      `${at}.byline: expected a non-empty string (leave the field out when the document has none)`,
      `${at}.title: write the title without 《》 (the citation adds them)`,
      `${at}: description_zh / description_en are for a document without a title; this one has one`,
    ]);
    expect(sourceDocumentIssues({ ref: 'a.txt', description_en: 'A report' }, at)).toEqual([
      `${at}: give the title as published, or, when the text has none, a description_zh (shown marked "报道，标题未载")`,
      `${at}.description_en: needs the description_zh it renders`,
    ]);
  });
});
