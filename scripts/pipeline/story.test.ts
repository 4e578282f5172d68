import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProgrammes, type Programme } from '../../src/domain/programmes';
import { parseStory } from '../../src/contracts/story';
import { parseBuildArgs } from '../cli/build-args';
import { buildData } from './build';
import {
  canonicalUnit,
  computedSource,
  createStoryBuilder,
  defaultStorySpec,
  NAMED_METRICS,
  parseStorySpec,
  publishedCitation,
  storyReferenceIssues,
  storySpecIssues,
  type ResolvedProgramme,
  type StorySpec,
} from './story';

const ROOT = join(import.meta.dirname, '../..');

type Props = Record<string, unknown>;
interface Community {
  lng: number;
  lat: number;
  p: Props;
}

const community = (lng: number, lat: number, p: Props): Community => ({ lng, lat, p });

/** Six communities of two programmes; A has one without households and one undated completion. */
const COMMUNITIES: Community[] = [
  community(112.9, 28.2, {
    programme: 'A',
    stage: 'completed',
    households: 100,
    residents: 300,
    fund_total: 1e6,
    fund_local: 4e5,
    items: 'facade,parking',
    item_parking: 10,
    completion_date: '2021-03-15',
    is_synthetic: false,
  }),
  community(113.0, 28.3, {
    programme: 'A',
    stage: 'accepted',
    households: 250,
    residents: 700,
    fund_total: 2e6,
    items: 'parking',
    item_parking: 5,
    completion_date: '2021-05',
    is_synthetic: true,
  }),
  community(112.95, 28.1, {
    programme: 'A',
    stage: 'completed',
    fund_total: 0,
    completion_date: '2022',
    is_synthetic: true,
  }),
  community(112.8, 28.25, { programme: 'A', stage: 'completed', households: 50, is_synthetic: true }),
  community(118.1, 24.5, { programme: 'B', stage: 'construction', households: 400, is_synthetic: true }),
  community(118.12, 24.52, { programme: 'B', stage: 'planned', households: 20, is_synthetic: false }),
];

const PROGRAMME_A: ResolvedProgramme = {
  id: 'A',
  name: '甲计划',
  name_en: 'Programme A',
  province: '湖南省',
  city: '长沙市',
  period: { start: '2021', end: '2022' },
  summary_zh: '…',
  summary_en: '…',
  source: 'a.txt',
  figures: [
    {
      key: 'households',
      label_zh: '惠及户数',
      label_en: 'Households',
      value: 4,
      unit: '万户',
      value_canonical: 40000,
      qualifier: 'about',
      quote: '惠及约4万户',
      source: 'a.txt',
      metric: { op: 'sum', field: 'households' },
      computed: 400,
      reproduced: false,
    },
    {
      key: 'rate',
      label_zh: '满意度',
      label_en: 'Satisfaction',
      value: 90,
      unit: '%',
      value_canonical: 0.9,
      quote: '满意度90%',
      source: 'a.txt',
      metric: null,
    },
  ],
};

function run(spec: StorySpec, programmes: ResolvedProgramme[] = [PROGRAMME_A]) {
  const builder = createStoryBuilder(parseStorySpec(spec));
  for (const c of COMMUNITIES) builder.add(c.lng, c.lat, c.p);
  return builder.finish({ programmes, source: 'story.json' });
}

const bilingual = (zh: string) => ({ zh, en: zh });
/** A story of one chapter, `a` on programme A, with `chapter`'s further settings. */
const oneChapter = (chapter: Partial<StorySpec['chapters'][number]>): StorySpec => ({
  title: bilingual('故事'),
  chapters: [{ id: 'a', title: bilingual('甲'), programme: 'A', ...chapter }],
});

describe('story file checks', () => {
  const valid = oneChapter({ figures: [{ published: 'households' }] });

  it('accepts a valid story', () => {
    expect(storySpecIssues(valid)).toEqual([]);
  });

  it('refuses typed numbers, unknown metrics and ambiguous figures, naming the place', () => {
    const bad = {
      title: bilingual('故事'),
      chapters: [
        {
          id: 'a',
          title: bilingual('甲'),
          figures: [
            { metric: 'households', value: 91 },
            { metric: 'no_such_metric' },
            { metric: 'households', published: 'households' },
            { published: 'households' },
            { metric: { op: 'sum', field: 'name' }, label: bilingual('名称') },
            { metric: { op: 'count' } },
          ],
        },
        {
          id: 'a',
          title: { en: 'no zh' },
          camera: { center: [200, 0], zoom: 30 },
          view: 'a#b',
          playback: 'yes',
        },
      ],
    };
    const issues = storySpecIssues(bad);
    for (const expected of [
      'chapters[0].figures[0].value: figures are references, not typed numbers',
      'chapters[0].figures[1].metric: unknown metric "no_such_metric"',
      'chapters[0].figures[2]: give exactly one of "published" or "metric"',
      "chapters[0].figures[3]: a published figure needs the chapter's programme",
      'chapters[0].figures[4].metric.field: "name" is not a summable community property',
      'chapters[0].figures[5].label: a metric object needs a { zh, en } label',
      'chapters[1].id: duplicate id a',
      'chapters[1].title: expected { zh, en }',
      'chapters[1].camera.center: expected [lng, lat]',
      'chapters[1].camera.zoom: expected 0 to 18',
      'chapters[1].view: expected a query string',
      'chapters[1].playback: expected true or false',
    ])
      expect(
        issues.some((i) => i.startsWith(expected)),
        `${expected}\n${issues.join('\n')}`,
      ).toBe(true);
    expect(() => parseStorySpec(bad)).toThrow(/invalid story/);
    expect(storySpecIssues({ title: bilingual('x'), chapters: [] })).toContain(
      'chapters: expected a non-empty array',
    );
  });

  it('finds references to programmes and figures the records lack', () => {
    const spec: StorySpec = {
      title: bilingual('故事'),
      chapters: [
        { id: 'a', title: bilingual('甲'), programme: 'Z' },
        { id: 'b', title: bilingual('乙'), programme: 'A', figures: [{ published: 'nope' }] },
        { id: 'c', title: bilingual('丙'), figures: [{ published: 'households', programme: 'Y' }] },
      ],
    };
    expect(storyReferenceIssues(spec, [PROGRAMME_A])).toEqual([
      'chapters[0].programme: no programme "Z" in the programme records or the communities',
      'chapters[1].figures[0].published: programme "A" has no figure "nope"',
      'chapters[2].figures[0].programme: no programme "Y"',
    ]);
    const builder = createStoryBuilder(spec);
    expect(() => builder.finish({ programmes: [PROGRAMME_A], source: null })).toThrow(/no programme "Z"/);
    // A programme without a record is fine for a chapter when the communities name it.
    const unrecorded: StorySpec = {
      title: bilingual('故事'),
      chapters: [{ id: 'b', title: bilingual('乙'), programme: 'B', figures: [{ published: 'x' }] }],
    };
    expect(storyReferenceIssues(unrecorded, [PROGRAMME_A], new Set(['B']))).toEqual([
      'chapters[0].figures[0].published: programme "B" has no record of figures',
    ]);
  });
});

describe('resolving a story over communities', () => {
  it('computes named metrics over the chapter scope, from the communities that give the field', () => {
    const story = run({
      title: bilingual('故事'),
      chapters: [
        {
          id: 'all',
          title: bilingual('全部'),
          figures: [
            { metric: 'communities' },
            { metric: 'completed' },
            { metric: 'households' },
            { metric: 'fund_local' },
            { metric: 'item_parking' },
            { metric: 'with_parking' },
          ],
        },
        { id: 'b', title: bilingual('乙'), programme: 'B', figures: [{ metric: 'households' }] },
      ],
    });
    const [all, b] = story.chapters;
    const byKey = Object.fromEntries(all!.figures.map((f) => [f.key, f]));
    const with_ = (field: string) => COMMUNITIES.filter((c) => c.p[field] !== undefined);
    const synthetic = (cs: Community[]) => cs.filter((c) => c.p.is_synthetic === true).length;

    expect(byKey.communities!.value).toBe(COMMUNITIES.length);
    expect(byKey.communities!.computed_from).toEqual({
      communities: COMMUNITIES.length,
      illustrative: synthetic(COMMUNITIES),
    });
    expect(byKey.completed!.value).toBe(
      COMMUNITIES.filter((c) => c.p.stage === 'completed' || c.p.stage === 'accepted').length,
    );
    const households = with_('households');
    expect(byKey.households!.value).toBe(households.reduce((s, c) => s + Number(c.p.households), 0));
    // The community without households is not part of what the sum is computed from.
    expect(byKey.households!.computed_from).toEqual({
      communities: households.length,
      illustrative: synthetic(households),
    });
    expect(byKey.households!.source).toBe(computedSource(households.length, synthetic(households)));
    expect(byKey.households!.unit).toBe('户');
    expect(byKey.fund_local!).toMatchObject({ value: 4e5, unit: '元', computed_from: { communities: 1 } });
    expect(byKey.item_parking!.value).toBe(15);
    expect(byKey.with_parking!.value).toBe(2);
    expect(all!.figures.every((f) => f.kind === 'computed' && f.published === undefined)).toBe(true);

    expect(b!.figures[0]!.value).toBe(420);
    expect(b!.scope).toEqual({ communities: 2, illustrative: 1 });
    expect(b!.stages).toEqual({ construction: 1, planned: 1 });
  });

  it('looks published figures up in the records, with their seed file and the check', () => {
    const story = run(
      oneChapter({
        figures: [{ published: 'households' }, { published: 'rate', label: bilingual('验收满意度') }],
      }),
    );
    const [households, rate] = story.chapters[0]!.figures;
    expect(households).toEqual({
      key: 'households',
      kind: 'published',
      label: { zh: '惠及户数', en: 'Households' },
      value: 40000,
      unit: '户',
      published: { value: 4, unit: '万户', qualifier: 'about', quote: '惠及约4万户' },
      check: { computed: 400, reproduced: false },
      source: 'a.txt',
      // PROGRAMME_A describes no document for a.txt: the ref stands in, in both languages.
      citation: { zh: 'a.txt', en: 'a.txt' },
    });
    expect(rate).toMatchObject({ value: 0.9, unit: '%', label: bilingual('验收满意度'), source: 'a.txt' });
    expect(rate!.check).toBeUndefined();
    expect(story.chapters[0]!.period).toEqual({ start: '2021', end: '2022' });
    expect(story.chapters[0]!.view).toBe('programme=A');
  });

  it('cites the document of a published figure readably in both languages, keeping the ref', () => {
    const documented: ResolvedProgramme = {
      ...PROGRAMME_A,
      documents: [
        {
          ref: 'a.txt',
          title: '甲市推进老旧小区改造',
          title_en: 'City A pushes renovation',
          issuer: '甲市人民政府',
          issuer_en: 'City A Government',
          date: '2022-05-06',
        },
      ],
    };
    const story = run(oneChapter({ figures: [{ published: 'households' }, { metric: 'households' }] }), [
      documented,
    ]);
    const [published, computed] = story.chapters[0]!.figures;
    expect(published!.source).toBe('a.txt');
    expect(published!.citation).toEqual({
      zh: '《甲市推进老旧小区改造》，甲市人民政府，2022年5月6日',
      en: '“City A pushes renovation” (translated title) 《甲市推进老旧小区改造》, City A Government, 6 May 2022',
    });
    expect(computed!.citation).toBeUndefined();
    // What the site reads back carries the same.
    expect(parseStory(JSON.parse(JSON.stringify(story))).chapters[0]!.figures[0]!.citation).toEqual(
      published!.citation,
    );
  });

  it('cites the seed articles of the demo programmes by title, not by file name', () => {
    const programmes = JSON.parse(
      readFileSync(join(ROOT, 'data/programmes.json'), 'utf8'),
    ) as ResolvedProgramme[];
    const changsha = programmes[0]!;
    expect(publishedCitation(changsha.source, changsha)).toEqual({
      zh: '《长沙推动既有小区品质三年行动》，王文、蒋宏装',
      en: '“Changsha pushes a three-year campaign to upgrade existing residential communities” (translated title) 《长沙推动既有小区品质三年行动》, Wang Wen, Jiang Hongzhuang',
    });
    const baiyin = programmes.find((p) => p.id === 'baiyin-fangzhilu')!;
    expect(publishedCitation(baiyin.source, baiyin).zh).toBe(
      '甘肃省白银市白银区纺织路街道老旧小区改造（报道，标题未载）',
    );
  });

  it('fits the camera to the scope, a single spot from street level, an empty scope to everything', () => {
    const story = run({
      title: bilingual('故事'),
      chapters: [
        { id: 'a', title: bilingual('甲'), programme: 'A', camera: { fit: true, pitch: 30, bearing: -10 } },
        { id: 'none', title: bilingual('无'), programme: 'A', camera: { center: [1, 2], zoom: 5 } },
      ],
    });
    const a = COMMUNITIES.filter((c) => c.p.programme === 'A');
    expect(story.chapters[0]!.camera).toEqual({
      bounds: [
        Math.min(...a.map((c) => c.lng)),
        Math.min(...a.map((c) => c.lat)),
        Math.max(...a.map((c) => c.lng)),
        Math.max(...a.map((c) => c.lat)),
      ],
      pitch: 30,
      bearing: -10,
    });
    expect(story.chapters[1]!.camera).toEqual({ center: [1, 2], zoom: 5, pitch: 0, bearing: 0 });

    const single = createStoryBuilder(defaultStorySpec());
    single.add(113, 28, { stage: 'completed' });
    single.add(113, 28, { stage: 'completed' });
    expect(single.finish({ programmes: [], source: null }).chapters[0]!.camera).toEqual({
      center: [113, 28],
      zoom: 14,
      pitch: 0,
      bearing: 0,
    });
    const empty = createStoryBuilder(defaultStorySpec()).finish({ programmes: [], source: null });
    expect(empty.chapters[0]!.camera).toEqual({ center: [105, 35], zoom: 3, pitch: 0, bearing: 0 });
  });

  it('counts completions month by month for a playback chapter', () => {
    const story = run(oneChapter({ playback: true }));
    // 2021-03, 2021-05, and a bare year 2022 that counts from December; one completion has no date.
    const playback = story.chapters[0]!.playback!;
    expect(playback.months[0]).toBe('2021-03');
    expect(playback.months.at(-1)).toBe('2022-12');
    expect(playback.months).toHaveLength(22);
    expect(playback.cumulative[0]).toBe(1);
    expect(playback.cumulative[1]).toBe(1);
    expect(playback.cumulative[2]).toBe(2);
    expect(playback.cumulative.at(-2)).toBe(2);
    expect(playback.cumulative.at(-1)).toBe(3);
    expect(playback.total).toBe(3);
    expect(playback.undated_done).toBe(1);
    expect(run(defaultStorySpec()).chapters[0]!.playback).toBeNull();
  });

  it('writes what the site reads', () => {
    const story = run(oneChapter({ figures: [{ published: 'households' }], playback: true }));
    expect(parseStory(JSON.parse(JSON.stringify(story)))).toEqual(story);
  });
});

describe('default story and units', () => {
  it('is one overview chapter of computed figures only', () => {
    const spec = defaultStorySpec();
    expect(storySpecIssues(spec)).toEqual([]);
    expect(spec.chapters).toHaveLength(1);
    expect(spec.chapters[0]!.figures!.every((f) => typeof f.metric === 'string' && !f.published)).toBe(true);
  });

  it('names the canonical unit of a published unit', () => {
    expect(
      ['万户', '万人', '亿元', '万元', '万平方米', '千米', '%', '部', '万盏'].map(canonicalUnit),
    ).toEqual(['户', '人', '元', '元', '平方米', '米', '%', '部', '盏']);
  });

  it('takes --story on the command line, with or without the demo', () => {
    expect(parseBuildArgs(['--story', 's.json']).story).toBe('s.json');
    expect(parseBuildArgs(['--communities', 'c.csv', '--story=s.json']).story).toBe('s.json');
    expect(parseBuildArgs(['--communities', 'c.csv']).story).toBeUndefined();
  });
});

describe('the demo story (data/story.json)', async () => {
  const spec = JSON.parse(await readFile(join(ROOT, 'data/story.json'), 'utf8')) as unknown;
  const programmes: Programme[] = parseProgrammes(
    JSON.parse(await readFile(join(ROOT, 'data/programmes.json'), 'utf8')),
  );

  it('is valid and refers only to figures the programme records have', () => {
    expect(storySpecIssues(spec)).toEqual([]);
    expect(storyReferenceIssues(parseStorySpec(spec), programmes)).toEqual([]);
  });

  it('has an overview and one chapter per programme, each with headline figures', () => {
    const s = parseStorySpec(spec);
    expect(s.chapters[0]!.programme).toBeUndefined();
    expect(s.chapters.slice(1).map((c) => c.programme)).toEqual(programmes.map((p) => p.id));
    for (const c of s.chapters) expect(c.figures?.length, c.id).toBeGreaterThan(0);
    expect(s.chapters.some((c) => c.playback)).toBe(true);
  });

  it('types no number into its text: figures are references', () => {
    const s = parseStorySpec(spec);
    for (const c of s.chapters)
      for (const text of [c.title.zh, c.title.en, c.text?.zh ?? '', c.text?.en ?? ''])
        expect(text, c.id).not.toMatch(/[0-9０-９]/);
  });

  it('names metrics the builder knows', () => {
    for (const c of parseStorySpec(spec).chapters)
      for (const f of c.figures ?? [])
        if (typeof f.metric === 'string') expect(NAMED_METRICS.has(f.metric), f.metric).toBe(true);
  });
});

describe('the build writes story.json', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const fixture = join(ROOT, 'tests/browser/fixtures/communities.csv');

  it('writes the default overview story when given none', async () => {
    const out = await mkdtemp(join(tmpdir(), 'story-default-'));
    dirs.push(out);
    await buildData({ communities: fixture, out, buildTime: new Date(0) });
    const story = parseStory(JSON.parse(await readFile(join(out, 'story.json'), 'utf8')));
    const geojson = JSON.parse(await readFile(join(out, 'communities.geojson'), 'utf8')) as {
      features: { properties: Props }[];
    };
    expect(story.source).toBeNull();
    expect(story.chapters.map((c) => c.id)).toEqual(['overview']);
    const count = story.chapters[0]!.figures.find((f) => f.key === 'communities')!;
    expect(count.value).toBe(geojson.features.length);
    expect(count.computed_from!.illustrative).toBe(
      geojson.features.filter((f) => f.properties.is_synthetic === true).length,
    );
  });

  it('fails as an input error naming the story file when the story is wrong', async () => {
    const out = await mkdtemp(join(tmpdir(), 'story-bad-'));
    dirs.push(out);
    const file = join(out, 'bad-story.json');
    await writeFile(
      file,
      JSON.stringify({
        title: bilingual('x'),
        chapters: [{ id: 'a', title: bilingual('a'), figures: [{ metric: 'x' }] }],
      }),
    );
    await expect(buildData({ communities: fixture, story: file, out })).rejects.toMatchObject({
      name: 'InputError',
      file,
      message: expect.stringContaining('unknown metric "x"'),
    });
    await writeFile(
      file,
      JSON.stringify({
        title: bilingual('x'),
        chapters: [{ id: 'a', title: bilingual('a'), programme: 'nope' }],
      }),
    );
    await expect(buildData({ communities: fixture, story: file, out })).rejects.toThrow(
      /no programme "nope"/,
    );
  });
});
