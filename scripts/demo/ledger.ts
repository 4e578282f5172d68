/**
 * The demo ledgers as a bureau would hand them over: Chinese headers of the data standard,
 * money in 万元 with the unit in the header, one quantity column per summed item. Rows are
 * built by the generator; this module only turns them into CSV text.
 */
import type { FigureQualifier } from '../../src/domain/programmes';
import { AMENITY_BY_TYPE, FUNDING_CHANNELS } from '../../src/domain/vocabulary';
import { amenityAliases, fundingAliases } from '../../src/domain/ledger-words';
import { QUANTITY_COLUMNS } from './items';

/** Position precision words written to 定位精度 (never exact in the demo). */
export type DemoPrecision = 'street' | 'district';
const PRECISION_WORDS: Record<DemoPrecision, string> = { street: '街道', district: '区县' };

/** One community row before serialisation. Money is integer yuan. */
export interface CommunityRow {
  id: string;
  name: string;
  city: string;
  district: string;
  street: string;
  community: string;
  admin_code: string;
  lng: number;
  lat: number;
  precision: DemoPrecision;
  year_built?: number | string;
  buildings?: number;
  households?: number;
  residents?: number;
  /** Qualifiers printed before the number: 约702, 近1000, 95%以上. */
  qualifiers: Partial<Record<'households' | 'residents' | 'approval_rate', FigureQualifier>>;
  programme: string;
  batch_year?: number;
  /** A stage word of the vocabulary (已完工, 在建, 招标, 已验收). */
  stage: string;
  start_date?: string;
  completion_date?: string;
  acceptance_date?: string;
  approval_rate?: number;
  satisfaction_rate?: number;
  /** Items in ledger order with the word written for each. */
  items: Array<{ key: string; word: string }>;
  /** Quantity per item key, in the unit of its column. */
  quantities: Partial<Record<string, number>>;
  /** Yuan per funding field. */
  funds: Partial<Record<string, number>>;
  synthetic: boolean;
  source: string;
  note: string;
}

/** One amenity row before serialisation. */
export interface AmenityRow {
  id: string;
  name: string;
  /** Canonical type key; written as its first Chinese alias. */
  type: string;
  lng: number;
  lat: number;
  status: '新增' | '现有';
  community_id?: string;
  area_m2?: number;
  precision: DemoPrecision;
  synthetic: boolean;
  source: string;
  note: string;
}

/**
 * The data standard's first columns, id, name and the four administrative levels, which every
 * generated communities ledger (the demo's, the national test ledger) starts with.
 */
export const PLACE_HEADERS = ['编号', '小区名称', '市', '区县', '街道', '社区'] as const;

/** Header stem per funding field: a bureau's usual word, always one of the channel's aliases. */
const FUND_STEMS: Readonly<Record<string, string>> = {
  fund_central: '中央补助',
  fund_provincial: '省级补助',
  fund_local: '地方财政',
  fund_bond: '专项债券',
  fund_utility: '管线单位',
  fund_owner_unit: '产权单位',
  fund_social: '社会资本',
  fund_maintenance: '维修资金',
  fund_public_revenue: '公共收益',
  fund_residents: '居民自筹',
  fund_donation: '社会捐赠',
  fund_other: '其他资金',
};

/** Header stem for each funding field, in vocabulary order. */
export const FUND_HEADERS: ReadonlyArray<{ field: string; stem: string }> = FUNDING_CHANNELS.map((c) => {
  const stem = FUND_STEMS[c.field] ?? (fundingAliases(c.field)[0] as string);
  if (!fundingAliases(c.field).includes(stem))
    throw new Error(`Fund header ${stem} is not an alias of ${c.field}`);
  return { field: c.field, stem };
});

type Cell = string | number | undefined;

/** Quotes a CSV cell when it holds a delimiter, quote or line break. */
function cell(value: Cell): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text: the header, then the cells of each row (UTF-8, no BOM, `\n` line ends, trailing newline). */
function csvText<R>(header: readonly string[], rows: readonly R[], cells: (row: R) => Cell[]): string {
  const lines = [header.map(cell).join(',')];
  for (const r of rows) lines.push(cells(r).map(cell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Integer yuan as 万元 text with at most four decimals, exactly (no float division). */
export function yuanToWan(yuan: number): string {
  if (!Number.isSafeInteger(yuan)) throw new Error(`yuanToWan: ${yuan} is not a whole number of yuan`);
  const sign = yuan < 0 ? '-' : '';
  const abs = Math.abs(yuan);
  const whole = Math.floor(abs / 10000);
  const frac = String(abs % 10000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

const QUALIFIER_PREFIX: Partial<Record<FigureQualifier, string>> = { about: '约', nearly: '近' };

function qualified(value: number | undefined, qualifier: FigureQualifier | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (qualifier === 'more_than') return `${value}以上`;
  return `${(qualifier && QUALIFIER_PREFIX[qualifier]) ?? ''}${value}`;
}

function percent(rate: number | undefined, qualifier?: FigureQualifier): string | undefined {
  if (rate === undefined) return undefined;
  const text = `${Math.round(rate * 1000) / 10}%`;
  return qualifier === 'more_than' ? `${text}以上` : text;
}

/** Funding columns are written in 万元 unless some amount is not whole yuan (then 元 keeps it exact). */
function moneyUnit(rows: readonly CommunityRow[]): '万元' | '元' {
  const allWhole = rows.every((r) =>
    Object.values(r.funds).every((v) => v === undefined || Number.isInteger(v)),
  );
  return allWhole ? '万元' : '元';
}

/** The funding fields any row uses, in vocabulary order: empty channels get no column. */
function usedFundFields(rows: readonly CommunityRow[]): string[] {
  return FUND_HEADERS.map((h) => h.field).filter((f) => rows.some((r) => r.funds[f] !== undefined));
}

/** The communities ledger as CSV text (UTF-8, no BOM, `\n` line ends, trailing newline). */
export function communitiesCsv(rows: readonly CommunityRow[]): string {
  const unit = moneyUnit(rows);
  const funds = usedFundFields(rows);
  const quantities = QUANTITY_COLUMNS.filter((q) => rows.some((r) => r.quantities[q.key] !== undefined));
  const header = [
    ...PLACE_HEADERS,
    '区划代码',
    '经度',
    '纬度',
    '坐标系',
    '定位精度',
    '建成年份',
    '楼栋数',
    '户数',
    '人数',
    '所属计划',
    '改造年度',
    '改造状态',
    '开工日期',
    '完工日期',
    '验收日期',
    '居民同意率',
    '满意度',
    '改造内容',
    ...quantities.map((q) => q.header),
    ...funds.map((f) => `${FUND_HEADERS.find((h) => h.field === f)?.stem}（${unit}）`),
    '示意数据',
    '来源',
    '备注',
  ];
  const money = (yuan: number | undefined) =>
    yuan === undefined ? undefined : unit === '万元' ? yuanToWan(yuan) : String(yuan);
  return csvText(header, rows, (r) => [
    r.id,
    r.name,
    r.city,
    r.district,
    r.street,
    r.community,
    r.admin_code,
    r.lng.toFixed(6),
    r.lat.toFixed(6),
    'WGS84',
    PRECISION_WORDS[r.precision],
    r.year_built,
    r.buildings,
    qualified(r.households, r.qualifiers.households),
    qualified(r.residents, r.qualifiers.residents),
    r.programme,
    r.batch_year,
    r.stage,
    r.start_date,
    r.completion_date,
    r.acceptance_date,
    percent(r.approval_rate, r.qualifiers.approval_rate),
    percent(r.satisfaction_rate),
    r.items.map((i) => i.word).join('、'),
    ...quantities.map((q) => r.quantities[q.key]),
    ...funds.map((f) => money(r.funds[f])),
    r.synthetic ? '是' : '否',
    r.source,
    r.note,
  ]);
}

/** The amenities table as CSV text. */
export function amenitiesCsv(rows: readonly AmenityRow[]): string {
  const header = [
    '编号',
    '名称',
    '类型',
    '经度',
    '纬度',
    '坐标系',
    '状态',
    '所属小区编号',
    '面积（平方米）',
    '定位精度',
    '示意数据',
    '来源',
    '备注',
  ];
  return csvText(header, rows, (a) => {
    const type = AMENITY_BY_TYPE.get(a.type);
    if (!type) throw new Error(`amenitiesCsv: unknown amenity type ${a.type} in ${a.id}`);
    return [
      a.id,
      a.name,
      amenityAliases(type.type)[0],
      a.lng.toFixed(6),
      a.lat.toFixed(6),
      'WGS84',
      a.status,
      a.community_id,
      a.area_m2,
      PRECISION_WORDS[a.precision],
      a.synthetic ? '是' : '否',
      a.source,
      a.note,
    ];
  });
}
