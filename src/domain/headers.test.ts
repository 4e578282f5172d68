import { describe, expect, it } from 'vitest';
import { bindColumns, normaliseHeader } from './headers';
import { AMENITY_FIELDS, COMMUNITY_FIELDS } from './schema';
import { itMaps } from './test-cases';

describe('normaliseHeader', () => {
  itMaps(normaliseHeader, [
    ['小区名称', { key: '小区名称' }],
    ['  小区 名称  ', { key: '小区名称' }],
    ['中央补助（万元）', { key: '中央补助', unit: '万元' }],
    ['中央补助\n(万元)', { key: '中央补助', unit: '万元' }],
    ['建筑面积[㎡]', { key: '建筑面积', unit: 'm2' }],
    ['建筑面积【万平方米】', { key: '建筑面积', unit: '万平方米' }],
    ['*小区名称', { key: '小区名称' }],
    ['小区名称：', { key: '小区名称' }],
    ['Longitude', { key: 'longitude' }],
    ['ID', { key: 'id' }],
    ['户数()', { key: '户数' }],
    ['（万元）', { key: '(万元)' }],
    ['企业投入(水电气讯)(万元)', { key: '企业投入(水电气讯)', unit: '万元' }],
  ]);
});

describe('bindColumns', () => {
  it('binds a messy bureau header row', () => {
    const headers = [
      '序号',
      '*小区名称',
      '所属区县',
      '经度',
      '纬度',
      '总户数（户）',
      '中央补助\n（万元）',
      '企业投入(水电气讯)',
      'LONGITUDE',
      '加装电梯(部)',
      '联系人',
      '',
      '改造内容',
    ];
    const r = bindColumns(headers, COMMUNITY_FIELDS, { itemColumns: true });
    expect(r.bindings).toEqual([
      { index: 1, header: '*小区名称', field: 'name' },
      { index: 2, header: '所属区县', field: 'district' },
      { index: 3, header: '经度', field: 'lng' },
      { index: 4, header: '纬度', field: 'lat' },
      { index: 5, header: '总户数（户）', field: 'households', unit: '户' },
      { index: 6, header: '中央补助\n（万元）', field: 'fund_central', unit: '万元' },
      { index: 7, header: '企业投入(水电气讯)', field: 'fund_utility' },
      { index: 9, header: '加装电梯(部)', itemKey: 'elevator_added', unit: '部' },
      { index: 12, header: '改造内容', field: 'items' },
    ]);
    expect(r.unknown).toEqual([
      { index: 0, header: '序号' },
      { index: 10, header: '联系人' },
    ]);
    expect(r.duplicates).toEqual([{ field: 'lng', headers: ['经度', 'LONGITUDE'] }]);
    expect(r.missing).toEqual([]);
  });

  it('leaves item headers unknown unless item columns are asked for', () => {
    const r = bindColumns(['名称', '加装电梯(部)'], COMMUNITY_FIELDS);
    expect(r.bindings.map((b) => b.field)).toEqual(['name']);
    expect(r.unknown).toEqual([{ index: 1, header: '加装电梯(部)' }]);
  });

  it('reports two columns for the same item as a duplicate', () => {
    const r = bindColumns(['名称', '加装电梯(部)', '增设电梯'], COMMUNITY_FIELDS, { itemColumns: true });
    expect(r.duplicates).toEqual([{ field: 'item_elevator_added', headers: ['加装电梯(部)', '增设电梯'] }]);
    expect(r.bindings).toHaveLength(2);
  });

  it('lists missing required fields', () => {
    expect(bindColumns(['经度', '纬度'], COMMUNITY_FIELDS).missing).toEqual(['name']);
    expect(bindColumns(['名称'], AMENITY_FIELDS).missing).toEqual(['type', 'lng', 'lat']);
  });

  it('accepts canonical field names and English labels case-insensitively', () => {
    const r = bindColumns(
      ['NAME', 'households', 'Fund_Central', 'Year built', 'lat', 'LNG'],
      COMMUNITY_FIELDS,
    );
    expect(r.bindings.map((b) => b.field)).toEqual([
      'name',
      'households',
      'fund_central',
      'year_built',
      'lat',
      'lng',
    ]);
  });

  it('binds every alias of every field, funding channels included', () => {
    for (const fields of [COMMUNITY_FIELDS, AMENITY_FIELDS]) {
      for (const f of fields) {
        for (const alias of f.aliases) {
          const r = bindColumns([alias], fields);
          expect(r.bindings[0]?.field, `${alias} → ${f.field}`).toBe(f.field);
        }
      }
    }
  });

  it('finds each fund channel behind its unit', () => {
    const r = bindColumns(['省级补助（万元）', '专项债券(亿元)', '居民自筹（元）'], COMMUNITY_FIELDS);
    expect(r.bindings.map((b) => [b.field, b.unit])).toEqual([
      ['fund_provincial', '万元'],
      ['fund_bond', '亿元'],
      ['fund_residents', '元'],
    ]);
  });
});
