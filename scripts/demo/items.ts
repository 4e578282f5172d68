/**
 * Item words the demo ledger writes in 改造内容 and in quantity-column headers, chosen so that
 * the vocabulary's longest-keyword rule maps each back to the intended item key.
 */
import { ITEMS, type ItemDefinition } from '../../src/domain/vocabulary';
import { itemKeywords } from '../../src/domain/ledger-words';

/**
 * The item a word names under the vocabulary rule: the longest keyword contained in the word
 * wins (智能充电桩 is a charger, not a smart system). Undefined when no keyword occurs.
 */
export function matchItemKey(word: string): string | undefined {
  let best: { item: ItemDefinition; length: number } | undefined;
  for (const item of ITEMS) {
    for (const keyword of itemKeywords(item.key)) {
      if (word.includes(keyword) && (!best || keyword.length > best.length))
        best = { item, length: keyword.length };
    }
  }
  return best?.item.key;
}

/** Default word per item for synthetic rows: plain, free of list separators, unambiguous. */
export const ITEM_WORDS: Readonly<Record<string, string>> = {
  water_supply: '供水设施',
  drainage: '雨污分流',
  power: '供电设施',
  gas: '燃气设施',
  heating: '供暖分户改造',
  telecom_cables: '通信线缆整治',
  roads: '道路',
  roof_waterproofing: '屋面防水',
  facade: '外立面',
  stairways: '楼道',
  fire_safety: '消防设施',
  security: '安防监控',
  waste_sorting: '垃圾分类设施',
  lighting: '照明',
  elevator_added: '加装电梯',
  elevator_replaced: '更换电梯',
  parking: '停车设施',
  ev_charging: '充电设施',
  greenery: '绿化',
  age_friendly: '适老化改造',
  fitness_culture: '健身文化设施',
  parcel_lockers: '快递柜',
  property_rooms: '物业用房',
  energy_saving: '节能保温',
  illegal_structures: '拆除违建',
  elderly_care: '养老服务',
  childcare: '托育',
  health_station: '卫生服务站',
  canteen: '社区食堂',
  convenience_market: '便民商业',
  neighbourhood_centre: '社区服务用房',
  smart_community: '智慧社区',
};

/**
 * The word to write for an item: the article's own word when the vocabulary maps it to the
 * same key, otherwise the default word (e.g. 体育锻炼设施 matches no keyword).
 */
export function ledgerItemWord(key: string, articleWord?: string): string {
  if (articleWord && matchItemKey(articleWord) === key) return articleWord;
  const word = ITEM_WORDS[key];
  if (!word) throw new Error(`No ledger word for item ${key}`);
  return word;
}

/**
 * Quantity columns: one per item that a published figure sums, in the figure's unit. Headers are
 * an item keyword (or the item's Chinese name) plus only generic words, as the pipeline requires.
 */
export const QUANTITY_COLUMNS: ReadonlyArray<{ key: string; header: string }> = [
  { key: 'facade', header: '外立面（平方米）' },
  { key: 'roof_waterproofing', header: '屋面防水（平方米）' },
  { key: 'energy_saving', header: '外墙保温（平方米）' },
  { key: 'roads', header: '道路（平方米）' },
  { key: 'lighting', header: '照明（盏）' },
  { key: 'heating', header: '供暖分户改造（户）' },
  { key: 'security', header: '安防监控（套）' },
  { key: 'waste_sorting', header: '垃圾分类设施（处）' },
  { key: 'elevator_added', header: '加装电梯（部）' },
  { key: 'parking', header: '停车位（个）' },
  { key: 'ev_charging', header: '充电桩（个）' },
  { key: 'greenery', header: '绿化（平方米）' },
  { key: 'age_friendly', header: '适老化设施（处）' },
  { key: 'fitness_culture', header: '休闲活动场所（处）' },
  { key: 'illegal_structures', header: '拆除违建（平方米）' },
  { key: 'smart_community', header: '智慧停车（处）' },
  { key: 'convenience_market', header: '便民商业（平方米）' },
  { key: 'neighbourhood_centre', header: '社区用房（平方米）' },
];

/** The header with its bracketed unit removed, as the pipeline matches it. */
export function headerStem(header: string): string {
  return header.replace(/[（(][^）)]*[）)]\s*$/, '').trim();
}
