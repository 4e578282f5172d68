/**
 * The words a ledger may use for the vocabulary's renovation items, funding channels and
 * amenity types (vocabulary.ts holds the entries themselves: keys, labels, order, units). Only
 * what reads ledgers needs them (src/domain/parse/, the ledger schema, the generators); they
 * are apart from the vocabulary because the site imports it for its labels and would otherwise
 * carry all of these in its first load (about 1.3 KB gzip).
 *
 * Every entry of the vocabulary has its words here and nothing else does
 * (ledger-words.test.ts).
 */
import { AMENITY_TYPES, FUNDING_CHANNELS, ITEMS, type FundField } from './vocabulary';

/**
 * Words that identify each item (by key) inside a free-text item list or a column header.
 * Matching takes the longest keyword found, so 智能充电桩 is a charger, not a smart system.
 */
export const ITEM_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  water_supply: ['供水', '给水', '二次供水', '自来水', '水管'],
  drainage: ['排水', '雨污分流', '雨污', '污水', '雨水', '化粪池', '下水道'],
  power: ['供电', '电力', '配电', '强电', '电表'],
  gas: ['燃气', '天然气', '供气', '煤气'],
  heating: ['供暖', '供热', '暖气', '分户改造', '供暖分户'],
  telecom_cables: ['通信', '通讯', '弱电', '强弱电', '飞线', '架空线', '线缆', '三线', '线路归集', '光纤'],
  roads: ['道路', '路面', '硬化', '铺装'],
  roof_waterproofing: ['屋面', '防水', '屋顶', '漏水'],
  facade: ['外立面', '立面', '外墙', '墙面'],
  stairways: ['楼道', '楼梯间', '楼梯', '单元门'],
  fire_safety: ['消防', '灭火', '消防通道'],
  security: ['安防', '监控', '视频', '门禁', '人脸识别', '安保', '楼宇对讲'],
  waste_sorting: ['垃圾分类', '垃圾', '分类回收', '回收箱'],
  lighting: ['照明', '路灯', '亮化', '灯'],
  elevator_added: ['加装电梯', '增设电梯', '新装电梯', '电梯加装'],
  elevator_replaced: ['更换电梯', '电梯更新', '电梯更换', '电梯改造', '更新电梯'],
  parking: ['停车', '车位', '停车位', '停车场', '停车棚', '泊位', '车棚'],
  ev_charging: ['充电桩', '充电', '充电设施', '智能充电桩'],
  greenery: ['绿化', '绿植', '补绿', '景观', '绿地'],
  age_friendly: ['适老化', '无障碍', '扶手', '坡道'],
  fitness_culture: ['健身', '文化', '活动场所', '活动场地', '小广场', '游乐场', '运动', '休闲'],
  parcel_lockers: ['快递柜', '快递', '智能快递柜'],
  property_rooms: ['物业用房', '物业服务中心', '物管用房'],
  energy_saving: ['节能', '保温', '外墙保温'],
  illegal_structures: ['拆违', '违建', '违章', '违章搭盖', '拆除违建'],
  elderly_care: ['养老', '日间照料', '老年', '助老'],
  childcare: ['托育', '幼儿园', '托儿', '托幼'],
  health_station: ['卫生服务站', '卫生站', '医疗', '卫生防疫'],
  canteen: ['食堂', '助餐', '老年餐桌'],
  convenience_market: ['便民', '菜市场', '超市', '便利店', '花店'],
  neighbourhood_centre: ['邻里中心', '社区服务中心', '综合服务中心', '党群服务中心', '社区用房', '服务用房'],
  smart_community: ['智慧', '智能化', '智慧停车', '智慧安防'],
};

/** Header words a ledger may use for each funding channel (by field). */
export const FUNDING_ALIASES: Readonly<Record<FundField, readonly string[]>> = {
  fund_central: ['中央补助', '中央预算内投资', '中央财政专项资金', '中央资金'],
  fund_provincial: ['省级补助', '省级资金', '省补'],
  fund_local: ['市级资金', '区级资金', '市区奖补', '财政奖补', '地方财政', '区级配套'],
  fund_bond: ['专项债', '专项债券', '地方政府专项债'],
  fund_utility: ['管线单位', '专营单位', '企业投入(水电气讯)', '企业投入'],
  fund_owner_unit: ['产权单位', '原产权单位', '单位投资'],
  fund_social: ['社会资本', '社会资金', '社会投资'],
  fund_maintenance: ['维修资金', '专项维修资金', '物业维修资金'],
  fund_public_revenue: ['公共收益', '小区公共收益'],
  fund_residents: ['居民自筹', '居民出资', '业主出资'],
  fund_donation: ['捐赠', '社会捐赠'],
  fund_other: ['其他', '其它资金', '其他资金'],
};

/** Chinese names a ledger may use for each amenity type (by type). */
export const AMENITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  community_service_station: ['社区服务站', '社区服务中心', '邻里中心', '党群服务中心', '便民服务站'],
  culture_station: ['文化活动站', '文化室', '活动室'],
  small_sports_ground: ['小型多功能运动场地', '小型运动场', '球场'],
  outdoor_fitness: [
    '室外综合健身场地',
    '健身场地',
    '健身器材',
    '健身广场',
    '活动广场',
    '小广场',
    '儿童游乐场',
    '游乐场',
  ],
  kindergarten: ['幼儿园'],
  nursery: ['托儿所', '托育', '托育中心'],
  elderly_daycare: [
    '老年人日间照料中心',
    '日间照料中心',
    '日间照料',
    '养老服务站',
    '社区养老中心',
    '养老综合服务中心',
  ],
  health_station: ['社区卫生服务站', '卫生服务站', '卫生室'],
  convenience_shop: ['社区商业网点', '超市', '药店', '便利店', '便民店'],
  recycling_point: ['再生资源回收点', '回收点', '垃圾分类回收箱'],
  refuse_station: ['生活垃圾收集站', '垃圾收集站', '垃圾站'],
  public_toilet: ['公共厕所', '公厕', '公共卫生间'],
  parking: ['停车场', '停车库', '停车场(库)', '停车棚'],
  ev_charging: ['充电设施', '充电桩', '充电站'],
  primary_school: ['小学'],
  market: ['菜市场', '生鲜超市', '农贸市场', '菜场'],
  mid_sports_ground: ['中型多功能运动场地', '中型运动场'],
  bank_post: ['银行', '邮政', '邮局', '银行/邮政'],
  middle_school: ['初中', '中学'],
  health_centre: ['社区卫生服务中心', '卫生院', '医院'],
  nursing_home: ['养老院', '敬老院', '福利院'],
  culture_centre: ['文化活动中心', '文化中心', '文化馆'],
  street_office: ['街道办事处', '街道办'],
  police_station: ['派出所', '警务室'],
  large_sports_ground: ['大型多功能运动场地', '体育场', '体育馆'],
};

/** One of the tables above, read by any key. */
type WordTable = Readonly<Record<string, readonly string[]>>;

/** Looks `key` up in one of the tables above; an entry without words is a vocabulary bug. */
function wordsOf(
  table: Readonly<Record<string, readonly string[]>>,
  what: string,
  key: string,
): readonly string[] {
  const words = table[key];
  if (!words)
    throw new Error(
      `ledger-words.ts has no words for the ${what} "${key}": add them beside the vocabulary's entry`,
    );
  return words;
}

/** The keywords of an item (by key). */
export const itemKeywords = (key: string): readonly string[] => wordsOf(ITEM_KEYWORDS, 'item', key);

/** The aliases of a funding channel (by field). */
export const fundingAliases = (field: FundField): readonly string[] =>
  wordsOf(FUNDING_ALIASES, 'funding channel', field);

/** The aliases of an amenity type (by type). */
export const amenityAliases = (type: string): readonly string[] =>
  wordsOf(AMENITY_ALIASES, 'amenity type', type);

/** The vocabulary's entries without words, and words without an entry (both empty when in step). */
export function unmatchedWords(): { missing: string[]; extra: string[] } {
  const expected: (readonly [what: string, key: string, table: WordTable])[] = [
    ...ITEMS.map((i) => ['item', i.key, ITEM_KEYWORDS] as const),
    ...FUNDING_CHANNELS.map((c) => ['funding channel', c.field, FUNDING_ALIASES] as const),
    ...AMENITY_TYPES.map((a) => ['amenity type', a.type, AMENITY_ALIASES] as const),
  ];
  const missing = expected
    .filter(([, key, table]) => !table[key]?.length)
    .map(([what, key]) => `${what} ${key}`);
  const known = new Set(expected.map(([what, key]) => `${what} ${key}`));
  const extra = [
    ...Object.keys(ITEM_KEYWORDS).map((k) => `item ${k}`),
    ...Object.keys(FUNDING_ALIASES).map((k) => `funding channel ${k}`),
    ...Object.keys(AMENITY_ALIASES).map((k) => `amenity type ${k}`),
  ].filter((k) => !known.has(k));
  return { missing, extra };
}
