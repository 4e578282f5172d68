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
  /**
   * Words that identify the item inside a free-text item list or a column header.
   * Matching takes the longest keyword found, so 智能充电桩 is a charger, not a smart system.
   */
  keywords: readonly string[];
}

/**
 * An item as a table row: key, zh, en, keywords, and the unit a count is in when the item is
 * countable. Rows rather than object literals so that the vocabulary reads as one table.
 */
type ItemRow = readonly [key: string, zh: string, en: string, keywords: readonly string[], unit?: string];

/** The item definitions of one category, from its table rows. */
function itemsOf(category: ItemCategory, rows: readonly ItemRow[]): ItemDefinition[] {
  return rows.map(([key, zh, en, keywords, unit]) => ({
    key,
    category,
    zh,
    en,
    ...(unit === undefined ? {} : { unit }),
    keywords,
  }));
}

/** Renovation items, by category in the order of 国办发〔2020〕23号: 基础类, 完善类, 提升类. */
export const ITEMS: readonly ItemDefinition[] = [
  ...itemsOf('basic', [
    ['water_supply', '供水设施', 'Water supply', ['供水', '给水', '二次供水', '自来水', '水管']],
    [
      'drainage',
      '排水/雨污分流',
      'Drainage and sewer separation',
      ['排水', '雨污分流', '雨污', '污水', '雨水', '化粪池', '下水道'],
    ],
    ['power', '供电设施', 'Power supply', ['供电', '电力', '配电', '强电', '电表']],
    ['gas', '燃气设施', 'Gas', ['燃气', '天然气', '供气', '煤气']],
    ['heating', '供暖设施', 'Heating', ['供暖', '供热', '暖气', '分户改造', '供暖分户'], '户'],
    [
      'telecom_cables',
      '通信及线缆整治',
      'Telecom and cable tidying',
      ['通信', '通讯', '弱电', '强弱电', '飞线', '架空线', '线缆', '三线', '线路归集', '光纤'],
    ],
    ['roads', '道路', 'Roads', ['道路', '路面', '硬化', '铺装'], '平方米'],
    ['roof_waterproofing', '屋面防水', 'Roofs and waterproofing', ['屋面', '防水', '屋顶', '漏水'], '平方米'],
    ['facade', '外立面', 'Facades and external walls', ['外立面', '立面', '外墙', '墙面']],
    ['stairways', '楼道', 'Stairways', ['楼道', '楼梯间', '楼梯', '单元门']],
    ['fire_safety', '消防设施', 'Fire safety', ['消防', '灭火', '消防通道']],
    [
      'security',
      '安防监控',
      'Security and CCTV',
      ['安防', '监控', '视频', '门禁', '人脸识别', '安保', '楼宇对讲'],
      '套',
    ],
    ['waste_sorting', '垃圾分类设施', 'Waste sorting', ['垃圾分类', '垃圾', '分类回收', '回收箱'], '处'],
    ['lighting', '照明', 'Lighting', ['照明', '路灯', '亮化', '灯'], '盏'],
  ]),
  ...itemsOf('improvement', [
    ['elevator_added', '加装电梯', 'Elevators added', ['加装电梯', '增设电梯', '新装电梯', '电梯加装'], '部'],
    [
      'elevator_replaced',
      '更换电梯',
      'Elevators replaced',
      ['更换电梯', '电梯更新', '电梯更换', '电梯改造', '更新电梯'],
      '部',
    ],
    ['parking', '停车设施', 'Parking', ['停车', '车位', '停车位', '停车场', '停车棚', '泊位', '车棚'], '个'],
    ['ev_charging', '充电设施', 'EV and e-bike charging', ['充电桩', '充电', '充电设施', '智能充电桩'], '个'],
    ['greenery', '绿化', 'Greenery', ['绿化', '绿植', '补绿', '景观', '绿地'], '平方米'],
    [
      'age_friendly',
      '适老化/无障碍',
      'Age-friendly and barrier-free',
      ['适老化', '无障碍', '扶手', '坡道'],
      '处',
    ],
    [
      'fitness_culture',
      '健身文化设施',
      'Fitness and culture facilities',
      ['健身', '文化', '活动场所', '活动场地', '小广场', '游乐场', '运动', '休闲'],
      '处',
    ],
    ['parcel_lockers', '快递柜', 'Parcel lockers', ['快递柜', '快递', '智能快递柜']],
    ['property_rooms', '物业用房', 'Property-management rooms', ['物业用房', '物业服务中心', '物管用房']],
    ['energy_saving', '节能保温', 'Energy-saving insulation', ['节能', '保温', '外墙保温'], '平方米'],
    [
      'illegal_structures',
      '拆除违建',
      'Illegal structures removed',
      ['拆违', '违建', '违章', '违章搭盖', '拆除违建'],
      '平方米',
    ],
  ]),
  ...itemsOf('enhancement', [
    ['elderly_care', '养老服务', 'Elderly care', ['养老', '日间照料', '老年', '助老']],
    ['childcare', '托育/幼儿园', 'Childcare and kindergarten', ['托育', '幼儿园', '托儿', '托幼']],
    ['health_station', '卫生服务站', 'Health station', ['卫生服务站', '卫生站', '医疗', '卫生防疫']],
    ['canteen', '社区食堂', 'Canteen and meal service', ['食堂', '助餐', '老年餐桌']],
    ['convenience_market', '便民商业', 'Convenience markets', ['便民', '菜市场', '超市', '便利店', '花店']],
    [
      'neighbourhood_centre',
      '邻里中心/社区服务',
      'Neighbourhood centre',
      ['邻里中心', '社区服务中心', '综合服务中心', '党群服务中心', '社区用房', '服务用房'],
      '平方米',
    ],
    [
      'smart_community',
      '智慧社区',
      'Smart community systems',
      ['智慧', '智能化', '智慧停车', '智慧安防'],
      '处',
    ],
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
  aliases: readonly string[];
}

/**
 * A funding channel or an amenity type as a table row: its name, zh, en and the aliases a ledger
 * may use. Rows rather than object literals so that each vocabulary reads as one table.
 */
type AliasedRow = readonly [name: string, zh: string, en: string, aliases: readonly string[]];

/** The channels of one side of the fiscal split, from rows named `fund_<name>` in the output. */
function channelsOf(fiscal: boolean, rows: readonly AliasedRow[]): FundingChannel[] {
  return rows.map(([name, zh, en, aliases]) => ({ field: `fund_${name}`, zh, en, fiscal, aliases }));
}

/** Funding channels, government money first. */
export const FUNDING_CHANNELS: readonly FundingChannel[] = [
  ...channelsOf(true, [
    [
      'central',
      '中央补助',
      'Central government',
      ['中央补助', '中央预算内投资', '中央财政专项资金', '中央资金'],
    ],
    ['provincial', '省级补助', 'Provincial government', ['省级补助', '省级资金', '省补']],
    [
      'local',
      '市区财政',
      'City and district',
      ['市级资金', '区级资金', '市区奖补', '财政奖补', '地方财政', '区级配套'],
    ],
    ['bond', '专项债', 'Special bonds', ['专项债', '专项债券', '地方政府专项债']],
  ]),
  ...channelsOf(false, [
    ['utility', '管线单位', 'Utility companies', ['管线单位', '专营单位', '企业投入(水电气讯)', '企业投入']],
    ['owner_unit', '产权单位', 'Property-right units', ['产权单位', '原产权单位', '单位投资']],
    ['social', '社会资本', 'Social capital', ['社会资本', '社会资金', '社会投资']],
    ['maintenance', '维修资金', 'Maintenance fund', ['维修资金', '专项维修资金', '物业维修资金']],
    ['public_revenue', '公共收益', 'Public revenue', ['公共收益', '小区公共收益']],
    ['residents', '居民自筹', 'Residents', ['居民自筹', '居民出资', '业主出资']],
    ['donation', '社会捐赠', 'Donations', ['捐赠', '社会捐赠']],
    ['other', '其他资金', 'Other', ['其他', '其它资金', '其他资金']],
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
  /** Chinese names a ledger may use for the type. */
  aliases: readonly string[];
}

/** The amenity types a life circle requires, from their table rows. */
function amenitiesOf(circle: LifeCircleKey, rows: readonly AliasedRow[]): AmenityType[] {
  return rows.map(([type, zh, en, aliases]) => ({ type, circle, zh, en, aliases }));
}

/** Amenity types by life circle: 5 minutes (300 m), 10 minutes (500 m), 15 minutes (1000 m). */
export const AMENITY_TYPES: readonly AmenityType[] = [
  ...amenitiesOf('lc5', [
    [
      'community_service_station',
      '社区服务站',
      'Community service station',
      ['社区服务站', '社区服务中心', '邻里中心', '党群服务中心', '便民服务站'],
    ],
    ['culture_station', '文化活动站', 'Culture station', ['文化活动站', '文化室', '活动室']],
    [
      'small_sports_ground',
      '小型多功能运动场地',
      'Small sports ground',
      ['小型多功能运动场地', '小型运动场', '球场'],
    ],
    [
      'outdoor_fitness',
      '室外综合健身场地',
      'Outdoor fitness',
      ['室外综合健身场地', '健身场地', '健身器材', '健身广场', '活动广场', '小广场', '儿童游乐场', '游乐场'],
    ],
    ['kindergarten', '幼儿园', 'Kindergarten', ['幼儿园']],
    ['nursery', '托儿所', 'Nursery', ['托儿所', '托育', '托育中心']],
    [
      'elderly_daycare',
      '老年人日间照料中心',
      'Elderly day care',
      ['老年人日间照料中心', '日间照料中心', '日间照料', '养老服务站', '社区养老中心', '养老综合服务中心'],
    ],
    ['health_station', '社区卫生服务站', 'Health station', ['社区卫生服务站', '卫生服务站', '卫生室']],
    [
      'convenience_shop',
      '社区商业网点',
      'Convenience shop',
      ['社区商业网点', '超市', '药店', '便利店', '便民店'],
    ],
    ['recycling_point', '再生资源回收点', 'Recycling point', ['再生资源回收点', '回收点', '垃圾分类回收箱']],
    ['refuse_station', '生活垃圾收集站', 'Refuse station', ['生活垃圾收集站', '垃圾收集站', '垃圾站']],
    ['public_toilet', '公共厕所', 'Public toilet', ['公共厕所', '公厕', '公共卫生间']],
    ['parking', '停车场(库)', 'Parking', ['停车场', '停车库', '停车场(库)', '停车棚']],
    ['ev_charging', '充电设施', 'EV charging', ['充电设施', '充电桩', '充电站']],
  ]),
  ...amenitiesOf('lc10', [
    ['primary_school', '小学', 'Primary school', ['小学']],
    ['market', '菜市场/生鲜超市', 'Fresh market', ['菜市场', '生鲜超市', '农贸市场', '菜场']],
    [
      'mid_sports_ground',
      '中型多功能运动场地',
      'Mid-size sports ground',
      ['中型多功能运动场地', '中型运动场'],
    ],
    ['bank_post', '银行/邮政', 'Bank or post office', ['银行', '邮政', '邮局', '银行/邮政']],
  ]),
  ...amenitiesOf('lc15', [
    ['middle_school', '初中', 'Middle school', ['初中', '中学']],
    ['health_centre', '社区卫生服务中心', 'Community health centre', ['社区卫生服务中心', '卫生院', '医院']],
    ['nursing_home', '养老院', 'Nursing home', ['养老院', '敬老院', '福利院']],
    ['culture_centre', '文化活动中心', 'Culture centre', ['文化活动中心', '文化中心', '文化馆']],
    ['street_office', '街道办事处', 'Street office', ['街道办事处', '街道办']],
    ['police_station', '派出所', 'Police station', ['派出所', '警务室']],
    [
      'large_sports_ground',
      '大型多功能运动场地',
      'Large sports ground',
      ['大型多功能运动场地', '体育场', '体育馆'],
    ],
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
