import { describe, expect, it } from 'vitest';
import { itMaps } from '../test-cases';
import { ITEMS } from '../vocabulary';
import { matchItemHeader, parseItems, type ItemMention } from './items';

describe('parseItems', () => {
  it.each<[string, ItemMention[], string[]]>([
    [
      '加装电梯2部、停车位120个；外墙保温1.2万平方米',
      [
        { key: 'elevator_added', count: 2, unit: '部' },
        { key: 'parking', count: 120, unit: '个' },
        { key: 'energy_saving', count: 12000, unit: '平方米' },
      ],
      [],
    ],
    [
      '雨污分流，强弱电入地,二次供水改造/屋面防水\n路灯',
      [
        { key: 'drainage' },
        { key: 'telecom_cables' },
        { key: 'water_supply' },
        { key: 'roof_waterproofing' },
        { key: 'lighting' },
      ],
      [],
    ],
    ['智能充电桩20个', [{ key: 'ev_charging', count: 20, unit: '个' }], []],
    ['新增120个停车位', [{ key: 'parking', count: 120, unit: '个' }], []],
    ['停车位1,200个', [{ key: 'parking', count: 1200, unit: '个' }], []],
    [
      '停车位1，200个、路灯30盏',
      [
        { key: 'parking', count: 1200, unit: '个' },
        { key: 'lighting', count: 30, unit: '盏' },
      ],
      [],
    ],
    // 6层 describes the building, 3部 counts elevators.
    ['6层以上住宅加装电梯3部', [{ key: 'elevator_added', count: 3, unit: '部' }], []],
    ['2号楼加装电梯', [{ key: 'elevator_added' }], []],
    ['加装电梯２部', [{ key: 'elevator_added', count: 2, unit: '部' }], []],
    ['外墙保温1200㎡', [{ key: 'energy_saving', count: 1200, unit: '平方米' }], []],
    ['道路硬化3000平米', [{ key: 'roads', count: 3000, unit: '平方米' }], []],
    ['雨污管网改造800m', [{ key: 'drainage', count: 800, unit: 'm' }], []],
    ['①雨污分流②三线入地③打造口袋公园', [{ key: 'drainage' }, { key: 'telecom_cables' }], ['打造口袋公园']],
    [
      '1、加装电梯 2、外墙及屋面防水',
      [{ key: 'elevator_added' }, { key: 'facade' }, { key: 'roof_waterproofing' }],
      [],
    ],
    ['（1）楼道粉刷；（2）监控安装', [{ key: 'stairways' }, { key: 'security' }], []],
    ['小区道路及路灯', [{ key: 'roads' }, { key: 'lighting' }], []],
    ['智慧停车系统', [{ key: 'smart_community' }], []],
    ['建设社区食堂、养老服务站', [{ key: 'canteen' }, { key: 'elderly_care' }], []],
    ['口袋公园、5G基站', [], ['口袋公园', '5G基站']],
    ['无', [], []],
    ['', [], []],
    ['、、', [], []],
  ])('%j', (text, items, other) => {
    expect(parseItems(text)).toEqual({ items, other });
  });

  it('keeps unmatched parts verbatim, full-width and all', () => {
    expect(parseItems('加装电梯；　ＡＢＣ文创墙　').other).toEqual(['ＡＢＣ文创墙']);
  });

  it('gives the same answer from its cache', () => {
    const first = parseItems('加装电梯2部、口袋公园');
    first.items[0]!.count = 99;
    expect(parseItems('加装电梯2部、口袋公园')).toEqual({
      items: [{ key: 'elevator_added', count: 2, unit: '部' }],
      other: ['口袋公园'],
    });
  });

  it('finds every item by its own Chinese name', () => {
    for (const item of ITEMS) {
      if (item.zh.includes('/')) continue;
      expect(parseItems(item.zh).items.map((i) => i.key)).toEqual([item.key]);
    }
  });
});

describe('matchItemHeader', () => {
  itMaps(matchItemHeader, [
    ['加装电梯(部)', { key: 'elevator_added', unit: '部' }],
    ['加装电梯（部）', { key: 'elevator_added', unit: '部' }],
    ['停车位（个）', { key: 'parking', unit: '个' }],
    ['新增停车位数量(个)', { key: 'parking', unit: '个' }],
    ['外立面', { key: 'facade' }],
    ['外立面改造', { key: 'facade' }],
    ['是否加装电梯', { key: 'elevator_added' }],
    ['屋面防水(㎡)', { key: 'roof_waterproofing', unit: 'm2' }],
    ['外墙保温(万平方米)', { key: 'energy_saving', unit: '万平方米' }],
    ['item_parking', { key: 'parking' }],
    ['ITEM_EV_CHARGING', { key: 'ev_charging' }],
    ['elevator_added', { key: 'elevator_added' }],
    ['雨污分流改造(米)', { key: 'drainage', unit: '米' }],
    ['供暖方式', null],
    ['楼道灯', null],
    ['小区名称', null],
    ['联系电话', null],
    ['备注', null],
  ]);
});
