import { describe, expect, it } from 'vitest';
import { CGCS2000_GK_CM_114E_PRJ } from '../../../fixtures/roads/polyline-shapefile';
import { geographicSystem, systemFromPrj } from './road-crs';
import { featureLines, projectLine } from './road-line';

const wgs = geographicSystem('WGS84');

describe('projectLine', () => {
  it('keeps WGS84 vertices as they are and drops consecutive repeats', () => {
    const coords = projectLine([114.3, 30.5, 114.3, 30.5, 114.31, 30.5, 114.3, 30.5], wgs);
    expect(coords).toEqual(new Float64Array([114.3, 30.5, 114.31, 30.5, 114.3, 30.5]));
  });

  it('converts GCJ-02 vertices, moving each', () => {
    const coords = projectLine([114.3, 30.5, 114.31, 30.5], geographicSystem('GCJ-02')) as Float64Array;
    expect(coords).toBeInstanceOf(Float64Array);
    expect(coords[0]).not.toBe(114.3);
    expect(Math.abs(coords[0]! - 114.3)).toBeLessThan(0.01);
  });

  it('names the first bad vertex: not numbers, not degrees, outside China, swapped', () => {
    expect(projectLine([114.3, 30.5, NaN, 30.5], wgs)).toEqual({
      value: 'NaN, 30.5',
      reason: 'vertex 2 is not a pair of numbers',
    });
    expect(projectLine([523_456, 3_386_666, 114.3, 30.5], wgs)).toMatchObject({
      value: '523456, 3386666',
      reason: expect.stringMatching(
        /^vertex 1 is not longitude\/latitude in degrees \(WGS84\); metres of a projection need/,
      ),
    });
    expect(projectLine([114.3, 30.5, 2.35, 48.85], wgs)).toEqual({
      value: '2.35, 48.85',
      reason: "vertex 2: outside China's extent",
    });
    expect(projectLine([80.5, 40.3, 40.3, 80.51], wgs)).toEqual({
      value: '40.3, 80.51',
      reason: 'vertex 2: latitude and longitude look swapped',
    });
    expect(projectLine([30.5, 114.3, 30.5, 114.31], wgs)).toEqual({
      value: '30.5, 114.3',
      reason: 'vertex 1: latitude and longitude look swapped',
    });
  });

  it('says where a projected vertex landed and why a Gauss-Kruger easting may be wrong', () => {
    const gk = systemFromPrj('r.zip', CGCS2000_GK_CM_114E_PRJ);
    const issue = projectLine([38_523_456, 3_386_666, 38_523_500, 3_386_666], gk);
    expect(issue).toMatchObject({
      reason: expect.stringMatching(
        /^vertex 1 cannot be converted from EPSG:4547 .*; .*zone number 38.*EPSG:4526/,
      ),
    });
  });

  it('rejects fewer than two distinct vertices', () => {
    expect(projectLine([114.3, 30.5], wgs)).toEqual({ value: '1 vertex', reason: 'fewer than 2 vertices' });
    expect(projectLine([], wgs)).toEqual({ value: '0 vertices', reason: 'fewer than 2 vertices' });
    expect(projectLine([114.3, 30.5, 114.3, 30.5], wgs)).toEqual({
      value: '2 vertices',
      reason: 'every vertex is the same point',
    });
  });

  it('takes another point check, for control points outside China', () => {
    expect(projectLine([2.35, 48.85, 2.36, 48.85], wgs, () => null)).toEqual(
      new Float64Array([2.35, 48.85, 2.36, 48.85]),
    );
  });
});

describe('featureLines', () => {
  it('makes one line per part with the class and name', () => {
    const lines = featureLines(
      [
        [114.3, 30.5, 114.31, 30.5],
        [114.4, 30.6, 114.41, 30.6],
      ],
      wgs,
      'path',
      '江滩步道',
    );
    expect(lines).toEqual([
      { coords: new Float64Array([114.3, 30.5, 114.31, 30.5]), roadClass: 'path', name: '江滩步道' },
      { coords: new Float64Array([114.4, 30.6, 114.41, 30.6]), roadClass: 'path', name: '江滩步道' },
    ]);
    expect(featureLines([[114.3, 30.5, 114.31, 30.5]], wgs, 'minor', undefined)).toEqual([
      { coords: new Float64Array([114.3, 30.5, 114.31, 30.5]), roadClass: 'minor' },
    ]);
  });

  it('rejects the whole feature when one part is bad, naming the part', () => {
    expect(
      featureLines(
        [
          [114.3, 30.5, 114.31, 30.5],
          [114.4, 30.6],
        ],
        wgs,
        'minor',
        undefined,
      ),
    ).toEqual({
      value: '1 vertex',
      reason: 'part 2: fewer than 2 vertices',
    });
    expect(featureLines([], wgs, 'minor', undefined)).toEqual({ value: '0 parts', reason: 'no vertices' });
  });
});
