import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProgrammes, programmeIssues, type Programme } from './programmes';

const raw: unknown = JSON.parse(readFileSync(resolve('data/programmes.json'), 'utf8'));
/** The seed articles live outside the repository (they are not ours to redistribute). */
const SEEDS_DIR = process.env.RENOVATION_SEEDS_DIR ?? resolve('..', 'shared', 'seeds');

const clone = (): Programme[] => JSON.parse(JSON.stringify(raw)) as Programme[];

describe('data/programmes.json', () => {
  it('conforms to the Programme type', () => {
    expect(programmeIssues(raw)).toEqual([]);
    const programmes = parseProgrammes(raw);
    expect(programmes.map((p) => p.id)).toEqual([
      'changsha-2021-2023',
      'xiangtan-yuhu-2020',
      'xiamen-siming-2023-2024',
      'baiyin-fangzhilu',
      'shiquan-chengguan',
    ]);
  });

  it('cites one seed file per programme and every figure from its own programme source', () => {
    for (const p of parseProgrammes(raw)) {
      for (const f of p.figures) expect(f.source, `${p.id}.${f.key}`).toBe(p.source);
    }
  });

  it('gives every programme reproducible figures', () => {
    for (const p of parseProgrammes(raw)) {
      expect(p.figures.filter((f) => f.metric).length, p.id).toBeGreaterThan(2);
    }
  });
});

describe('programmeIssues', () => {
  it('reports a canonical value that does not follow from value and unit', () => {
    const data = clone();
    const figure = data[0]?.figures.find((f) => f.key === 'households');
    if (!figure) throw new Error('fixture changed');
    figure.value_canonical = 91;
    expect(programmeIssues(data)).toEqual([expect.stringContaining('figures[2].value_canonical')]);
  });

  it('reports unknown items, unsummable fields, bad qualifiers and duplicate keys', () => {
    const data = clone();
    const figures = data[0]?.figures ?? [];
    figures[4] = {
      ...figures[4],
      metric: { op: 'count_item', item: 'rockets' },
    } as Programme['figures'][number];
    figures[2] = { ...figures[2], metric: { op: 'sum', field: 'name' } } as Programme['figures'][number];
    figures[3] = { ...figures[3], qualifier: 'roughly' } as unknown as Programme['figures'][number];
    figures[5] = { ...figures[5], key: 'projects' } as Programme['figures'][number];
    const issues = programmeIssues(data).join('\n');
    expect(issues).toContain('"rockets" is not an item key');
    expect(issues).toContain('"name" is not a summable feature property');
    expect(issues).toContain('"roughly" is not one of');
    expect(issues).toContain('duplicate key projects');
  });

  it('reports missing metrics, bad periods and non-arrays', () => {
    const data = clone();
    const p = data[1] as unknown as Record<string, unknown>;
    p.period = { start: '2021', end: '2020' };
    delete (data[1]?.figures[0] as unknown as Record<string, unknown>).metric;
    const issues = programmeIssues(data).join('\n');
    expect(issues).toContain('start 2021 is after end 2020');
    expect(issues).toContain('metric: missing');
    expect(programmeIssues({})).toEqual(['programmes: expected an array']);
    expect(() => parseProgrammes([{}])).toThrow(/Invalid programmes/);
  });
});

describe('programmeIssues: documents', () => {
  const withDocuments = (documents: unknown): Programme[] => {
    const data = clone();
    (data[0] as unknown as Record<string, unknown>).documents = documents;
    return data;
  };

  it('accepts a programme without documents (its sources show as file names)', () => {
    const data = clone();
    delete data[0]!.documents;
    expect(programmeIssues(data)).toEqual([]);
  });

  it('names the malformed document and its field', () => {
    expect(programmeIssues(withDocuments({ ref: '000_3984d62c0898ea74.txt' }))).toEqual([
      'programmes[0].documents: expected an array of documents [{ ref, title, … }]',
    ]);
    const issues = programmeIssues(
      withDocuments([
        { ref: '000_3984d62c0898ea74.txt', title: '《长沙推动既有小区品质三年行动》', date: '2021-1' },
      ]),
    );
    expect(issues).toEqual([
      'programmes[0].documents[0].title: write the title without 《》 (the citation adds them)',
      'programmes[0].documents[0].date: "2021-1" is not a date YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('requires a document for every source the programme cites, once each', () => {
    const data = withDocuments([
      { ref: '000_3984d62c0898ea74.txt', title: '长沙推动既有小区品质三年行动' },
      { ref: '000_3984d62c0898ea74.txt', description_zh: '同一篇' },
    ]);
    data[0]!.figures[1]!.source = 'other.txt';
    expect(programmeIssues(data)).toEqual([
      'programmes[0].documents[1].ref: duplicate ref 000_3984d62c0898ea74.txt',
      'programmes[0].figures[1].source: "other.txt" is not the ref of any of programmes[0].documents',
    ]);
    const missing = withDocuments([{ ref: 'plan.pdf', title: '改造计划' }]);
    expect(programmeIssues(missing)).toContain(
      'programmes[0].source: "000_3984d62c0898ea74.txt" is not the ref of any of programmes[0].documents',
    );
  });
});

describe.skipIf(!existsSync(SEEDS_DIR))('quotes against the seed articles', () => {
  const seeds = existsSync(SEEDS_DIR)
    ? Object.fromEntries(
        readdirSync(SEEDS_DIR).map((name) => [name, readFileSync(join(SEEDS_DIR, name), 'utf8')]),
      )
    : {};

  it('quotes every figure and note exactly', () => {
    for (const p of parseProgrammes(raw)) {
      for (const item of [...p.figures, ...(p.notes ?? [])]) {
        if (!item.quote) continue;
        const text = seeds[item.source ?? ''];
        expect(text, `${p.id}.${item.key}: seed ${item.source}`).toBeDefined();
        expect(text?.includes(item.quote), `${p.id}.${item.key}: ${item.quote}`).toBe(true);
      }
    }
  });

  it('takes nothing from the unrelated news items after the Changsha article', () => {
    const text = seeds['000_3984d62c0898ea74.txt'] ?? '';
    const end = text.indexOf('零陵“搬”出幸福好日子');
    expect(end).toBeGreaterThan(0);
    const changsha = parseProgrammes(raw)[0] as Programme;
    for (const item of [...changsha.figures, ...(changsha.notes ?? [])]) {
      if (item.quote) expect(text.indexOf(item.quote), item.key).toBeLessThan(end);
    }
  });
});
