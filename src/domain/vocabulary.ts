/**
 * Controlled vocabularies of the input data standard (shared/domain/data-standard.md).
 *
 * This file is the single source of truth for stages, renovation items, funding channels,
 * amenity types and life circles. The build scripts use it to read ledgers; the site uses it
 * for labels, colours and legends. Keep it pure: no I/O, no DOM, no Node APIs.
 */

/** Renovation stages in programme order (cancelled last, outside the progression). */
export const STAGES = [
  'surveyed',
  'planned',
  'design',
  'construction',
  'completed',
  'accepted',
  'cancelled',
] as const;
export type Stage = (typeof STAGES)[number];

/** Words a ledger may use for each stage. An unknown word is a row error, never a guess. */
export const STAGE_WORDS: Record<Stage, readonly string[]> = {
  surveyed: ['摸底', '储备', '入库', '调查', 'surveyed'],
  planned: ['计划', '列入计划', '拟改造', '未开工', 'planned'],
  design: ['设计', '方案', '征询', '方案设计', '招标', 'design'],
  construction: ['在建', '施工', '施工中', '开工', '已开工', '实施中', 'construction'],
  completed: ['完工', '竣工', '已完工', '已完成', 'completed'],
  accepted: ['验收', '已验收', '通过验收', 'accepted'],
  cancelled: ['取消', '终止', '暂缓', 'cancelled'],
};

/** Stages at which the physical works are finished; used for completion rates. */
export const DONE_STAGES: readonly Stage[] = ['completed', 'accepted'];

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  surveyed: { zh: '摸底储备', en: 'Surveyed' },
  planned: { zh: '列入计划', en: 'Planned' },
  design: { zh: '方案设计', en: 'Design' },
  construction: { zh: '施工中', en: 'Under construction' },
  completed: { zh: '已完工', en: 'Completed' },
  accepted: { zh: '已验收', en: 'Accepted' },
  cancelled: { zh: '取消/暂缓', en: 'Cancelled' },
};

/** Item categories of 国办发〔2020〕23号. */
export const ITEM_CATEGORIES = ['basic', 'improvement', 'enhancement'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const ITEM_CATEGORY_LABELS: Record<ItemCategory, { zh: string; en: string }> = {
  basic: { zh: '基础类', en: 'Basic' },
  improvement: { zh: '完善类', en: 'Improvement' },
  enhancement: { zh: '提升类', en: 'Enhancement' },
};

export interface ItemDefinition {
  /** Canonical key; the output column is `item_<key>`. */
  key: string;
  category: ItemCategory;
  zh: string;
  en: string;
  /** Unit a count in a ledger is expressed in, when the item is countable (部, 个, 套 …). */
  unit?: string;
}

/**
 * An item as a table row: key, zh, en, and the unit a count is in when the item is countable.
 * Rows rather than object literals so that the vocabulary reads as one table. The words a
 * ledger may use for it are in ledger-words.ts.
 */
type ItemRow = readonly [key: string, zh: string, en: string, unit?: string];

/** The item definitions of one category, from its table rows. */
function itemsOf(category: ItemCategory, rows: readonly ItemRow[]): ItemDefinition[] {
  return rows.map(([key, zh, en, unit]) => ({
    key,
    category,
    zh,
    en,
    ...(unit === undefined ? {} : { unit }),
  }));
}

/** Renovation items, by category in the order of 国办发〔2020〕23号: 基础类, 完善类, 提升类. */
export const ITEMS: readonly ItemDefinition[] = [
  ...itemsOf('basic', [
    ['water_supply', '供水设施', 'Water supply'],
    ['drainage', '排水/雨污分流', 'Drainage and sewer separation'],
    ['power', '供电设施', 'Power supply'],
    ['gas', '燃气设施', 'Gas'],
    ['heating', '供暖设施', 'Heating', '户'],
    ['telecom_cables', '通信及线缆整治', 'Telecom and cable tidying'],
    ['roads', '道路', 'Roads', '平方米'],
    ['roof_waterproofing', '屋面防水', 'Roofs and waterproofing', '平方米'],
    ['facade', '外立面', 'Facades and external walls'],
    ['stairways', '楼道', 'Stairways'],
    ['fire_safety', '消防设施', 'Fire safety'],
    ['security', '安防监控', 'Security and CCTV', '套'],
    ['waste_sorting', '垃圾分类设施', 'Waste sorting', '处'],
    ['lighting', '照明', 'Lighting', '盏'],
  ]),
  ...itemsOf('improvement', [
    ['elevator_added', '加装电梯', 'Elevators added', '部'],
    ['elevator_replaced', '更换电梯', 'Elevators replaced', '部'],
    ['parking', '停车设施', 'Parking', '个'],
    ['ev_charging', '充电设施', 'EV and e-bike charging', '个'],
    ['greenery', '绿化', 'Greenery', '平方米'],
    ['age_friendly', '适老化/无障碍', 'Age-friendly and barrier-free', '处'],
    ['fitness_culture', '健身文化设施', 'Fitness and culture facilities', '处'],
    ['parcel_lockers', '快递柜', 'Parcel lockers'],
    ['property_rooms', '物业用房', 'Property-management rooms'],
    ['energy_saving', '节能保温', 'Energy-saving insulation', '平方米'],
    ['illegal_structures', '拆除违建', 'Illegal structures removed', '平方米'],
  ]),
  ...itemsOf('enhancement', [
    ['elderly_care', '养老服务', 'Elderly care'],
    ['childcare', '托育/幼儿园', 'Childcare and kindergarten'],
    ['health_station', '卫生服务站', 'Health station'],
    ['canteen', '社区食堂', 'Canteen and meal service'],
    ['convenience_market', '便民商业', 'Convenience markets'],
    ['neighbourhood_centre', '邻里中心/社区服务', 'Neighbourhood centre', '平方米'],
    ['smart_community', '智慧社区', 'Smart community systems', '处'],
  ]),
];

/** Lookup of item definitions by key. */
export const ITEM_BY_KEY: ReadonlyMap<string, ItemDefinition> = new Map(ITEMS.map((i) => [i.key, i]));

/** Funding channels (`fund_*`, yuan). `fiscal` channels are government money. */
export interface FundingChannel {
  field: `fund_${string}`;
  zh: string;
  en: string;
  fiscal: boolean;
}

/**
 * A funding channel or an amenity type as a table row: its name, zh and en. Rows rather than
 * object literals so that each vocabulary reads as one table. The aliases a ledger may use for
 * it are in ledger-words.ts.
 */
type NamedRow = readonly [name: string, zh: string, en: string];

/** The channels of one side of the fiscal split, from rows named `fund_<name>` in the output. */
function channelsOf(fiscal: boolean, rows: readonly NamedRow[]): FundingChannel[] {
  return rows.map(([name, zh, en]) => ({ field: `fund_${name}`, zh, en, fiscal }));
}

/** Funding channels, government money first. */
export const FUNDING_CHANNELS: readonly FundingChannel[] = [
  ...channelsOf(true, [
    ['central', '中央补助', 'Central government'],
    ['provincial', '省级补助', 'Provincial government'],
    ['local', '市区财政', 'City and district'],
    ['bond', '专项债', 'Special bonds'],
  ]),
  ...channelsOf(false, [
    ['utility', '管线单位', 'Utility companies'],
    ['owner_unit', '产权单位', 'Property-right units'],
    ['social', '社会资本', 'Social capital'],
    ['maintenance', '维修资金', 'Maintenance fund'],
    ['public_revenue', '公共收益', 'Public revenue'],
    ['residents', '居民自筹', 'Residents'],
    ['donation', '社会捐赠', 'Donations'],
    ['other', '其他资金', 'Other'],
  ]),
];

export type FundField = (typeof FUNDING_CHANNELS)[number]['field'];

/** Life circles of GB 50180-2018. Each requirement stands on its own. */
export const LIFE_CIRCLES = [
  { key: 'lc5', minutes: 5, radius_m: 300, zh: '五分钟生活圈', en: '5-minute life circle' },
  { key: 'lc10', minutes: 10, radius_m: 500, zh: '十分钟生活圈', en: '10-minute life circle' },
  { key: 'lc15', minutes: 15, radius_m: 1000, zh: '十五分钟生活圈', en: '15-minute life circle' },
] as const;
export type LifeCircleKey = (typeof LIFE_CIRCLES)[number]['key'];

export interface AmenityType {
  type: string;
  circle: LifeCircleKey;
  zh: string;
  en: string;
}

/** The amenity types a life circle requires, from their table rows. */
function amenitiesOf(circle: LifeCircleKey, rows: readonly NamedRow[]): AmenityType[] {
  return rows.map(([type, zh, en]) => ({ type, circle, zh, en }));
}

/** Amenity types by life circle: 5 minutes (300 m), 10 minutes (500 m), 15 minutes (1000 m). */
export const AMENITY_TYPES: readonly AmenityType[] = [
  ...amenitiesOf('lc5', [
    ['community_service_station', '社区服务站', 'Community service station'],
    ['culture_station', '文化活动站', 'Culture station'],
    ['small_sports_ground', '小型多功能运动场地', 'Small sports ground'],
    ['outdoor_fitness', '室外综合健身场地', 'Outdoor fitness'],
    ['kindergarten', '幼儿园', 'Kindergarten'],
    ['nursery', '托儿所', 'Nursery'],
    ['elderly_daycare', '老年人日间照料中心', 'Elderly day care'],
    ['health_station', '社区卫生服务站', 'Health station'],
    ['convenience_shop', '社区商业网点', 'Convenience shop'],
    ['recycling_point', '再生资源回收点', 'Recycling point'],
    ['refuse_station', '生活垃圾收集站', 'Refuse station'],
    ['public_toilet', '公共厕所', 'Public toilet'],
    ['parking', '停车场(库)', 'Parking'],
    ['ev_charging', '充电设施', 'EV charging'],
  ]),
  ...amenitiesOf('lc10', [
    ['primary_school', '小学', 'Primary school'],
    ['market', '菜市场/生鲜超市', 'Fresh market'],
    ['mid_sports_ground', '中型多功能运动场地', 'Mid-size sports ground'],
    ['bank_post', '银行/邮政', 'Bank or post office'],
  ]),
  ...amenitiesOf('lc15', [
    ['middle_school', '初中', 'Middle school'],
    ['health_centre', '社区卫生服务中心', 'Community health centre'],
    ['nursing_home', '养老院', 'Nursing home'],
    ['culture_centre', '文化活动中心', 'Culture centre'],
    ['street_office', '街道办事处', 'Street office'],
    ['police_station', '派出所', 'Police station'],
    ['large_sports_ground', '大型多功能运动场地', 'Large sports ground'],
  ]),
];

export const AMENITY_BY_TYPE: ReadonlyMap<string, AmenityType> = new Map(
  AMENITY_TYPES.map((a) => [a.type, a]),
);

/** Coordinate reference systems a ledger may declare. CGCS2000 is treated as WGS84 on a web map. */
export const CRS_VALUES = ['WGS84', 'GCJ-02', 'BD-09', 'CGCS2000'] as const;
export type Crs = (typeof CRS_VALUES)[number];

export const CRS_WORDS: Record<Crs, readonly string[]> = {
  WGS84: ['WGS84', 'WGS-84', 'WGS 84', 'EPSG:4326', 'GPS'],
  'GCJ-02': ['GCJ-02', 'GCJ02', 'GCJ', '火星', '火星坐标', '高德', '腾讯', 'AMAP'],
  'BD-09': ['BD-09', 'BD09', 'BAIDU', '百度'],
  CGCS2000: ['CGCS2000', 'CGCS-2000', '国家2000', '2000国家大地坐标系', '天地图'],
};

/** How precise a community's position is. Anything but `exact` is drawn as approximate. */
export const LOCATION_PRECISIONS = ['exact', 'street', 'district'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

export const LOCATION_PRECISION_WORDS: Record<LocationPrecision, readonly string[]> = {
  exact: ['exact', '精确', '门牌', '小区'],
  street: ['street', '街道', '街道级', '社区', '社区级'],
  district: ['district', '区县', '区级', '县级', '区'],
};

/** Mainland China's rough extent, for rejecting swapped or foreign coordinates. */
export const CHINA_BBOX = { minLng: 73.4, minLat: 18.1, maxLng: 135.1, maxLat: 53.6 } as const;
