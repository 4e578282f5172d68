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

export const ITEMS: readonly ItemDefinition[] = [
  // 基础类
  {
    key: 'water_supply',
    category: 'basic',
    zh: '供水设施',
    en: 'Water supply',
    keywords: ['供水', '给水', '二次供水', '自来水', '水管'],
  },
  {
    key: 'drainage',
    category: 'basic',
    zh: '排水/雨污分流',
    en: 'Drainage and sewer separation',
    keywords: ['排水', '雨污分流', '雨污', '污水', '雨水', '化粪池', '下水道'],
  },
  {
    key: 'power',
    category: 'basic',
    zh: '供电设施',
    en: 'Power supply',
    keywords: ['供电', '电力', '配电', '强电', '电表'],
  },
  { key: 'gas', category: 'basic', zh: '燃气设施', en: 'Gas', keywords: ['燃气', '天然气', '供气', '煤气'] },
  {
    key: 'heating',
    category: 'basic',
    zh: '供暖设施',
    en: 'Heating',
    unit: '户',
    keywords: ['供暖', '供热', '暖气', '分户改造', '供暖分户'],
  },
  {
    key: 'telecom_cables',
    category: 'basic',
    zh: '通信及线缆整治',
    en: 'Telecom and cable tidying',
    keywords: ['通信', '通讯', '弱电', '强弱电', '飞线', '架空线', '线缆', '三线', '线路归集', '光纤'],
  },
  {
    key: 'roads',
    category: 'basic',
    zh: '道路',
    en: 'Roads',
    unit: '平方米',
    keywords: ['道路', '路面', '硬化', '铺装'],
  },
  {
    key: 'roof_waterproofing',
    category: 'basic',
    zh: '屋面防水',
    en: 'Roofs and waterproofing',
    unit: '平方米',
    keywords: ['屋面', '防水', '屋顶', '漏水'],
  },
  {
    key: 'facade',
    category: 'basic',
    zh: '外立面',
    en: 'Facades and external walls',
    keywords: ['外立面', '立面', '外墙', '墙面'],
  },
  {
    key: 'stairways',
    category: 'basic',
    zh: '楼道',
    en: 'Stairways',
    keywords: ['楼道', '楼梯间', '楼梯', '单元门'],
  },
  {
    key: 'fire_safety',
    category: 'basic',
    zh: '消防设施',
    en: 'Fire safety',
    keywords: ['消防', '灭火', '消防通道'],
  },
  {
    key: 'security',
    category: 'basic',
    zh: '安防监控',
    en: 'Security and CCTV',
    unit: '套',
    keywords: ['安防', '监控', '视频', '门禁', '人脸识别', '安保', '楼宇对讲'],
  },
  {
    key: 'waste_sorting',
    category: 'basic',
    zh: '垃圾分类设施',
    en: 'Waste sorting',
    unit: '处',
    keywords: ['垃圾分类', '垃圾', '分类回收', '回收箱'],
  },
  {
    key: 'lighting',
    category: 'basic',
    zh: '照明',
    en: 'Lighting',
    unit: '盏',
    keywords: ['照明', '路灯', '亮化', '灯'],
  },
  // 完善类
  {
    key: 'elevator_added',
    category: 'improvement',
    zh: '加装电梯',
    en: 'Elevators added',
    unit: '部',
    keywords: ['加装电梯', '增设电梯', '新装电梯', '电梯加装'],
  },
  {
    key: 'elevator_replaced',
    category: 'improvement',
    zh: '更换电梯',
    en: 'Elevators replaced',
    unit: '部',
    keywords: ['更换电梯', '电梯更新', '电梯更换', '电梯改造', '更新电梯'],
  },
  {
    key: 'parking',
    category: 'improvement',
    zh: '停车设施',
    en: 'Parking',
    unit: '个',
    keywords: ['停车', '车位', '停车位', '停车场', '停车棚', '泊位', '车棚'],
  },
  {
    key: 'ev_charging',
    category: 'improvement',
    zh: '充电设施',
    en: 'EV and e-bike charging',
    unit: '个',
    keywords: ['充电桩', '充电', '充电设施', '智能充电桩'],
  },
  {
    key: 'greenery',
    category: 'improvement',
    zh: '绿化',
    en: 'Greenery',
    unit: '平方米',
    keywords: ['绿化', '绿植', '补绿', '景观', '绿地'],
  },
  {
    key: 'age_friendly',
    category: 'improvement',
    zh: '适老化/无障碍',
    en: 'Age-friendly and barrier-free',
    unit: '处',
    keywords: ['适老化', '无障碍', '扶手', '坡道'],
  },
  {
    key: 'fitness_culture',
    category: 'improvement',
    zh: '健身文化设施',
    en: 'Fitness and culture facilities',
    unit: '处',
    keywords: ['健身', '文化', '活动场所', '活动场地', '小广场', '游乐场', '运动', '休闲'],
  },
  {
    key: 'parcel_lockers',
    category: 'improvement',
    zh: '快递柜',
    en: 'Parcel lockers',
    keywords: ['快递柜', '快递', '智能快递柜'],
  },
  {
    key: 'property_rooms',
    category: 'improvement',
    zh: '物业用房',
    en: 'Property-management rooms',
    keywords: ['物业用房', '物业服务中心', '物管用房'],
  },
  {
    key: 'energy_saving',
    category: 'improvement',
    zh: '节能保温',
    en: 'Energy-saving insulation',
    unit: '平方米',
    keywords: ['节能', '保温', '外墙保温'],
  },
  {
    key: 'illegal_structures',
    category: 'improvement',
    zh: '拆除违建',
    en: 'Illegal structures removed',
    unit: '平方米',
    keywords: ['拆违', '违建', '违章', '违章搭盖', '拆除违建'],
  },
  // 提升类
  {
    key: 'elderly_care',
    category: 'enhancement',
    zh: '养老服务',
    en: 'Elderly care',
    keywords: ['养老', '日间照料', '老年', '助老'],
  },
  {
    key: 'childcare',
    category: 'enhancement',
    zh: '托育/幼儿园',
    en: 'Childcare and kindergarten',
    keywords: ['托育', '幼儿园', '托儿', '托幼'],
  },
  {
    key: 'health_station',
    category: 'enhancement',
    zh: '卫生服务站',
    en: 'Health station',
    keywords: ['卫生服务站', '卫生站', '医疗', '卫生防疫'],
  },
  {
    key: 'canteen',
    category: 'enhancement',
    zh: '社区食堂',
    en: 'Canteen and meal service',
    keywords: ['食堂', '助餐', '老年餐桌'],
  },
  {
    key: 'convenience_market',
    category: 'enhancement',
    zh: '便民商业',
    en: 'Convenience markets',
    keywords: ['便民', '菜市场', '超市', '便利店', '花店'],
  },
  {
    key: 'neighbourhood_centre',
    category: 'enhancement',
    zh: '邻里中心/社区服务',
    en: 'Neighbourhood centre',
    unit: '平方米',
    keywords: ['邻里中心', '社区服务中心', '综合服务中心', '党群服务中心', '社区用房', '服务用房'],
  },
  {
    key: 'smart_community',
    category: 'enhancement',
    zh: '智慧社区',
    en: 'Smart community systems',
    unit: '处',
    keywords: ['智慧', '智能化', '智慧停车', '智慧安防'],
  },
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

export const FUNDING_CHANNELS: readonly FundingChannel[] = [
  {
    field: 'fund_central',
    zh: '中央补助',
    en: 'Central government',
    fiscal: true,
    aliases: ['中央补助', '中央预算内投资', '中央财政专项资金', '中央资金'],
  },
  {
    field: 'fund_provincial',
    zh: '省级补助',
    en: 'Provincial government',
    fiscal: true,
    aliases: ['省级补助', '省级资金', '省补'],
  },
  {
    field: 'fund_local',
    zh: '市区财政',
    en: 'City and district',
    fiscal: true,
    aliases: ['市级资金', '区级资金', '市区奖补', '财政奖补', '地方财政', '区级配套'],
  },
  {
    field: 'fund_bond',
    zh: '专项债',
    en: 'Special bonds',
    fiscal: true,
    aliases: ['专项债', '专项债券', '地方政府专项债'],
  },
  {
    field: 'fund_utility',
    zh: '管线单位',
    en: 'Utility companies',
    fiscal: false,
    aliases: ['管线单位', '专营单位', '企业投入(水电气讯)', '企业投入'],
  },
  {
    field: 'fund_owner_unit',
    zh: '产权单位',
    en: 'Property-right units',
    fiscal: false,
    aliases: ['产权单位', '原产权单位', '单位投资'],
  },
  {
    field: 'fund_social',
    zh: '社会资本',
    en: 'Social capital',
    fiscal: false,
    aliases: ['社会资本', '社会资金', '社会投资'],
  },
  {
    field: 'fund_maintenance',
    zh: '维修资金',
    en: 'Maintenance fund',
    fiscal: false,
    aliases: ['维修资金', '专项维修资金', '物业维修资金'],
  },
  {
    field: 'fund_public_revenue',
    zh: '公共收益',
    en: 'Public revenue',
    fiscal: false,
    aliases: ['公共收益', '小区公共收益'],
  },
  {
    field: 'fund_residents',
    zh: '居民自筹',
    en: 'Residents',
    fiscal: false,
    aliases: ['居民自筹', '居民出资', '业主出资'],
  },
  { field: 'fund_donation', zh: '社会捐赠', en: 'Donations', fiscal: false, aliases: ['捐赠', '社会捐赠'] },
  {
    field: 'fund_other',
    zh: '其他资金',
    en: 'Other',
    fiscal: false,
    aliases: ['其他', '其它资金', '其他资金'],
  },
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

export const AMENITY_TYPES: readonly AmenityType[] = [
  // 5-minute (300 m)
  {
    type: 'community_service_station',
    circle: 'lc5',
    zh: '社区服务站',
    en: 'Community service station',
    aliases: ['社区服务站', '社区服务中心', '邻里中心', '党群服务中心', '便民服务站'],
  },
  {
    type: 'culture_station',
    circle: 'lc5',
    zh: '文化活动站',
    en: 'Culture station',
    aliases: ['文化活动站', '文化室', '活动室'],
  },
  {
    type: 'small_sports_ground',
    circle: 'lc5',
    zh: '小型多功能运动场地',
    en: 'Small sports ground',
    aliases: ['小型多功能运动场地', '小型运动场', '球场'],
  },
  {
    type: 'outdoor_fitness',
    circle: 'lc5',
    zh: '室外综合健身场地',
    en: 'Outdoor fitness',
    aliases: [
      '室外综合健身场地',
      '健身场地',
      '健身器材',
      '健身广场',
      '活动广场',
      '小广场',
      '儿童游乐场',
      '游乐场',
    ],
  },
  { type: 'kindergarten', circle: 'lc5', zh: '幼儿园', en: 'Kindergarten', aliases: ['幼儿园'] },
  { type: 'nursery', circle: 'lc5', zh: '托儿所', en: 'Nursery', aliases: ['托儿所', '托育', '托育中心'] },
  {
    type: 'elderly_daycare',
    circle: 'lc5',
    zh: '老年人日间照料中心',
    en: 'Elderly day care',
    aliases: [
      '老年人日间照料中心',
      '日间照料中心',
      '日间照料',
      '养老服务站',
      '社区养老中心',
      '养老综合服务中心',
    ],
  },
  {
    type: 'health_station',
    circle: 'lc5',
    zh: '社区卫生服务站',
    en: 'Health station',
    aliases: ['社区卫生服务站', '卫生服务站', '卫生室'],
  },
  {
    type: 'convenience_shop',
    circle: 'lc5',
    zh: '社区商业网点',
    en: 'Convenience shop',
    aliases: ['社区商业网点', '超市', '药店', '便利店', '便民店'],
  },
  {
    type: 'recycling_point',
    circle: 'lc5',
    zh: '再生资源回收点',
    en: 'Recycling point',
    aliases: ['再生资源回收点', '回收点', '垃圾分类回收箱'],
  },
  {
    type: 'refuse_station',
    circle: 'lc5',
    zh: '生活垃圾收集站',
    en: 'Refuse station',
    aliases: ['生活垃圾收集站', '垃圾收集站', '垃圾站'],
  },
  {
    type: 'public_toilet',
    circle: 'lc5',
    zh: '公共厕所',
    en: 'Public toilet',
    aliases: ['公共厕所', '公厕', '公共卫生间'],
  },
  {
    type: 'parking',
    circle: 'lc5',
    zh: '停车场(库)',
    en: 'Parking',
    aliases: ['停车场', '停车库', '停车场(库)', '停车棚'],
  },
  {
    type: 'ev_charging',
    circle: 'lc5',
    zh: '充电设施',
    en: 'EV charging',
    aliases: ['充电设施', '充电桩', '充电站'],
  },
  // 10-minute (500 m)
  { type: 'primary_school', circle: 'lc10', zh: '小学', en: 'Primary school', aliases: ['小学'] },
  {
    type: 'market',
    circle: 'lc10',
    zh: '菜市场/生鲜超市',
    en: 'Fresh market',
    aliases: ['菜市场', '生鲜超市', '农贸市场', '菜场'],
  },
  {
    type: 'mid_sports_ground',
    circle: 'lc10',
    zh: '中型多功能运动场地',
    en: 'Mid-size sports ground',
    aliases: ['中型多功能运动场地', '中型运动场'],
  },
  {
    type: 'bank_post',
    circle: 'lc10',
    zh: '银行/邮政',
    en: 'Bank or post office',
    aliases: ['银行', '邮政', '邮局', '银行/邮政'],
  },
  // 15-minute (1000 m)
  { type: 'middle_school', circle: 'lc15', zh: '初中', en: 'Middle school', aliases: ['初中', '中学'] },
  {
    type: 'health_centre',
    circle: 'lc15',
    zh: '社区卫生服务中心',
    en: 'Community health centre',
    aliases: ['社区卫生服务中心', '卫生院', '医院'],
  },
  {
    type: 'nursing_home',
    circle: 'lc15',
    zh: '养老院',
    en: 'Nursing home',
    aliases: ['养老院', '敬老院', '福利院'],
  },
  {
    type: 'culture_centre',
    circle: 'lc15',
    zh: '文化活动中心',
    en: 'Culture centre',
    aliases: ['文化活动中心', '文化中心', '文化馆'],
  },
  {
    type: 'street_office',
    circle: 'lc15',
    zh: '街道办事处',
    en: 'Street office',
    aliases: ['街道办事处', '街道办'],
  },
  {
    type: 'police_station',
    circle: 'lc15',
    zh: '派出所',
    en: 'Police station',
    aliases: ['派出所', '警务室'],
  },
  {
    type: 'large_sports_ground',
    circle: 'lc15',
    zh: '大型多功能运动场地',
    en: 'Large sports ground',
    aliases: ['大型多功能运动场地', '体育场', '体育馆'],
  },
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
