import { describe, expect, it } from 'vitest';
import { COMMUNITY_OUTPUT_FIELDS } from '../domain/output-fields';
import { approximatePrecision, attributeRows, isSynthetic, propertyText } from './community-rows';

const words = { yes: '是', no: '否' };

describe('attributeRows', () => {
  const properties = {
    name: '和平小区',
    id: 'cs-001',
    stage: 'construction',
    households: 1200,
    fund_total: 35_000_000,
    items: 'elevator_added,parking,unknown_key',
    missing_types: 'kindergarten,nursery',
    lc5_met: false,
    is_synthetic: true,
    density: 1,
    custom_column: 'x',
  };

  it('lists present properties in dictionary order with labels and formatted values', () => {
    const rows = attributeRows(properties, COMMUNITY_OUTPUT_FIELDS, 'zh', words);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('stage')).toEqual({ name: 'stage', label: '改造状态', value: '施工中' });
    expect(byName.get('households')?.value).toBe('1,200');
    expect(byName.get('fund_total')?.value).toBe('3,500万元');
    expect(byName.get('items')?.value).toBe('加装电梯、停车设施、unknown_key');
    expect(byName.get('missing_types')?.value).toBe('幼儿园、托儿所');
    expect(byName.get('lc5_met')?.value).toBe('否');
    const order = rows.map((r) => r.name);
    expect(order.indexOf('id')).toBeLessThan(order.indexOf('stage'));
    expect(order.at(-1)).toBe('custom_column');
  });

  it('leaves out what the panel shows elsewhere', () => {
    const names = attributeRows(properties, COMMUNITY_OUTPUT_FIELDS, 'en', words).map((r) => r.name);
    for (const own of ['name', 'is_synthetic', 'density']) expect(names).not.toContain(own);
  });

  it('speaks English when asked', () => {
    expect(propertyText('stage', 'accepted', undefined, 'en', words)).toBe('Accepted');
    expect(propertyText('items', 'gas,roads', undefined, 'en', words)).toBe('Gas, Roads');
  });
});

describe('provenance flags', () => {
  it('reads the synthetic flag and approximate positions', () => {
    expect(isSynthetic({ is_synthetic: true })).toBe(true);
    expect(isSynthetic({ is_synthetic: false })).toBe(false);
    expect(isSynthetic({})).toBe(false);
    expect(approximatePrecision({ location_precision: 'street' })).toBe('street');
    expect(approximatePrecision({ location_precision: 'exact' })).toBeNull();
    expect(approximatePrecision({})).toBeNull();
  });
});
