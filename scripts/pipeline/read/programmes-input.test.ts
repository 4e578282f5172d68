import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../table';
import { readProgrammes } from './programmes-input';

const seed = JSON.parse(readFileSync('data/programmes.json', 'utf8')) as Record<string, unknown>[];

describe('readProgrammes', () => {
  it('reads an array of programmes or an object holding them', () => {
    expect(readProgrammes('p.json', seed)).toHaveLength(seed.length);
    expect(readProgrammes('p.json', { programmes: seed })).toHaveLength(seed.length);
  });

  it.each([
    [null, 'found null'],
    ['programmes', 'found a string'],
    [{ programme: seed }, 'found an object without a "programmes" array'],
    [{ programmes: {} }, 'found an object'],
  ])('refuses %j, naming the file', (value, found) => {
    expect(() => readProgrammes('p.json', value)).toThrow(
      new InputError(
        `p.json: expected an array of programmes (or { "programmes": [...] }), ${found}`,
        'p.json',
      ),
    );
  });

  it('lists the problems of the records by index, ten at most', () => {
    const broken = seed.map((p, i) => (i === 1 ? { ...p, figures: undefined } : p));
    expect(() => readProgrammes('p.json', broken)).toThrow(
      'p.json: a problem in the programme records:\n  programmes[1].figures: expected an array',
    );
    const error = (() => {
      try {
        readProgrammes(
          'p.json',
          Array.from({ length: 12 }, () => 5),
        );
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message.split('\n')).toEqual([
      'p.json: 12 problems in the programme records:',
      ...Array.from({ length: 10 }, (_, i) => `  programmes[${i}]: expected an object`),
      '  … and 2 more',
    ]);
  });

  it('names the file, the record and the field of a malformed source document', () => {
    const broken = seed.map((p, i) =>
      i === 2
        ? { ...p, documents: [{ ref: p.source, title: '廈門：近鄰思明 家園煥新', date: '今年1月' }] }
        : p,
    );
    expect(() => readProgrammes('city/programmes.json', broken)).toThrow(
      new InputError(
        'city/programmes.json: a problem in the programme records:\n  ' +
          'programmes[2].documents[0].date: "今年1月" is not a date YYYY, YYYY-MM or YYYY-MM-DD',
        'city/programmes.json',
      ),
    );
  });

  it('keeps the documents a city file gives, for the readable source lines', () => {
    const [first] = readProgrammes('p.json', seed);
    expect(first?.documents?.[0]).toMatchObject({
      ref: first?.source,
      title: '长沙推动既有小区品质三年行动',
    });
  });
});
