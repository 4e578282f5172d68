import { describe, expect, it } from 'vitest';
import { classOfWord, roadAttributes } from './road-attributes';

describe('roadAttributes', () => {
  it.each([
    [{ 道路等级: '主干路' }, 'major'],
    [{ 道路等级: '次干路' }, 'minor'],
    [{ 道路等级: '支路' }, 'minor'],
    [{ 道路等级: '人行道' }, 'path'],
    [{ 道路等级: '城市快速路' }, 'major'],
    [{ CLASS: 'primary' }, 'major'],
    [{ level: '步行街' }, 'path'],
    [{ type: 'LineString', class: '次干道' }, 'minor'],
    [{ kind: '滨江绿道' }, 'path'],
    [{ 类型: '主干路辅路' }, 'major'],
    [{ class: '９级路' }, 'minor'],
    [{}, 'minor'],
  ])('classes %o as %s', (properties, roadClass) => {
    expect(roadAttributes(properties)).toEqual({ walkable: true, roadClass });
  });

  it('applies the OSM rule to OSM-derived attributes (highway, or Geofabrik fclass)', () => {
    expect(roadAttributes({ highway: 'footway', name: 'x' })).toEqual({
      walkable: true,
      roadClass: 'path',
      name: 'x',
    });
    expect(roadAttributes({ highway: 'service', access: 'private' })).toMatchObject({ walkable: false });
    expect(roadAttributes({ highway: 'motorway' })).toMatchObject({ walkable: false, reason: /motorway/ });
    expect(roadAttributes({ fclass: 'track_grade3' })).toEqual({ walkable: true, roadClass: 'path' });
    expect(roadAttributes({ fclass: 'unknown' })).toEqual({ walkable: true, roadClass: 'minor' });
    expect(roadAttributes({ fclass: 'motorway_link' })).toMatchObject({ walkable: false });
    // An fclass that is no highway value is left to the class columns.
    expect(roadAttributes({ fclass: '支路', 道路等级: '主干路' })).toEqual({
      walkable: true,
      roadClass: 'major',
    });
  });

  it('drops roads whose class says nobody walks there', () => {
    expect(roadAttributes({ 道路等级: '高速公路' })).toEqual({
      walkable: false,
      reason: '道路等级=高速公路: no pedestrians',
    });
    expect(roadAttributes({ class: 'motorway' })).toMatchObject({ walkable: false });
  });

  it('takes the name from name:zh, name, 名称, 道路名称 in that order, skipping blanks', () => {
    expect(roadAttributes({ name: 'Jiefang Ave', 'name:zh': '解放大道' })).toMatchObject({
      name: '解放大道',
    });
    expect(roadAttributes({ NAME: ' 中山大道 ' })).toMatchObject({ name: '中山大道' });
    expect(roadAttributes({ 名称: '', 道路名称: '沿江大道' })).toMatchObject({ name: '沿江大道' });
    expect(roadAttributes({ name: null, 名称: 12 })).toMatchObject({ name: '12' });
    expect(roadAttributes({ name: '   ' })).not.toHaveProperty('name');
  });
});

describe('classOfWord', () => {
  it('reads exact words, then words contained, and nothing from other text', () => {
    expect(classOfWord(' Primary ')).toBe('major');
    expect(classOfWord('高速公路连接线')).toBe('none');
    expect(classOfWord('步行')).toBe('path');
    expect(classOfWord('LineString')).toBeUndefined();
    expect(classOfWord('')).toBeUndefined();
  });
});
