/**
 * Canonical fields of the communities and amenities tables, with the header aliases a ledger
 * may use (shared/domain/data-standard.md). Pure data: both the build scripts and the site
 * import it (the site for labels and the field dictionary).
 */
import { FUNDING_CHANNELS, type Crs, type LocationPrecision, type Stage } from './vocabulary';

/** How a cell is parsed. */
export type FieldKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'area'
  | 'money'
  | 'year'
  | 'date'
  | 'rate'
  | 'boolean'
  | 'stage'
  | 'crs'
  | 'precision'
  | 'items'
  | 'coordinate';

export interface FieldDefinition {
  field: string;
  kind: FieldKind;
  zh: string;
  en: string;
  aliases: readonly string[];
  required?: boolean;
  /**
   * Communities only: kept by every community in the tiles below the maximum zoom, because the
   * filters and the styling read it there (see `lowZoom` in src/domain/output-fields.ts).
   */
  lowZoom?: true;
}

const FUND_FIELDS: FieldDefinition[] = FUNDING_CHANNELS.map((c) => ({
  field: c.field,
  kind: 'money' as const,
  zh: c.zh,
  en: c.en,
  aliases: c.aliases,
}));

/** Columns of the communities ledger (小区台账). `item_*` columns are resolved separately. */
export const COMMUNITY_FIELDS: readonly FieldDefinition[] = [
  {
    field: 'id',
    lowZoom: true,
    kind: 'string',
    zh: '编号',
    en: 'ID',
    aliases: ['编号', '小区编号', '项目编号', 'ID'],
  },
  {
    field: 'name',
    lowZoom: true,
    kind: 'string',
    zh: '小区名称',
    en: 'Name',
    aliases: ['小区名称', '小区', '名称', '项目名称'],
    required: true,
  },
  { field: 'city', lowZoom: true, kind: 'string', zh: '市', en: 'City', aliases: ['市', '城市', '所属城市'] },
  {
    field: 'district',
    lowZoom: true,
    kind: 'string',
    zh: '区县',
    en: 'District',
    aliases: ['区', '区县', '县区', '所属区县'],
  },
  {
    field: 'street',
    lowZoom: true,
    kind: 'string',
    zh: '街道',
    en: 'Street',
    aliases: ['街道', '街道办', '乡镇', '镇街', '所属街道'],
  },
  {
    field: 'community',
    kind: 'string',
    zh: '社区',
    en: 'Community',
    aliases: ['社区', '社区居委会', '居委会', '所属社区'],
  },
  {
    field: 'admin_code',
    kind: 'string',
    zh: '区划代码',
    en: 'Division code',
    aliases: ['区划代码', '行政区划代码', '社区代码'],
  },
  { field: 'address', kind: 'string', zh: '地址', en: 'Address', aliases: ['地址', '详细地址', '小区地址'] },
  {
    field: 'lng',
    kind: 'coordinate',
    zh: '经度',
    en: 'Longitude',
    aliases: ['经度', 'longitude', 'lon', 'lng', 'x'],
  },
  { field: 'lat', kind: 'coordinate', zh: '纬度', en: 'Latitude', aliases: ['纬度', 'latitude', 'lat', 'y'] },
  { field: 'crs', kind: 'crs', zh: '坐标系', en: 'Coordinate system', aliases: ['坐标系', '坐标系统'] },
  {
    field: 'location_precision',
    lowZoom: true,
    kind: 'precision',
    zh: '定位精度',
    en: 'Location precision',
    aliases: ['定位精度'],
  },
  {
    field: 'year_built',
    lowZoom: true,
    kind: 'year',
    zh: '建成年份',
    en: 'Year built',
    aliases: ['建成年份', '建成年代', '建成时间', '竣工年份'],
  },
  { field: 'buildings', kind: 'integer', zh: '楼栋数', en: 'Buildings', aliases: ['楼栋数', '栋数', '楼栋'] },
  {
    field: 'households',
    lowZoom: true,
    kind: 'integer',
    zh: '户数',
    en: 'Households',
    aliases: ['户数', '总户数', '住户数', '惠及户数'],
  },
  {
    field: 'residents',
    kind: 'integer',
    zh: '人数',
    en: 'Residents',
    aliases: ['人数', '居民人数', '人口', '惠及人数'],
  },
  {
    field: 'floor_area_m2',
    kind: 'area',
    zh: '建筑面积',
    en: 'Floor area (m²)',
    aliases: ['建筑面积', '总建筑面积'],
  },
  {
    field: 'programme',
    lowZoom: true,
    kind: 'string',
    zh: '所属计划',
    en: 'Programme',
    aliases: ['所属计划', '项目批次', '行动', '计划名称'],
  },
  {
    field: 'batch_year',
    lowZoom: true,
    kind: 'year',
    zh: '改造年度',
    en: 'Batch year',
    aliases: ['年度', '批次', '计划年度', '改造年度'],
  },
  {
    field: 'stage',
    lowZoom: true,
    kind: 'stage',
    zh: '改造状态',
    en: 'Stage',
    aliases: ['改造状态', '状态', '进度', '项目进度', '实施阶段'],
  },
  {
    field: 'start_date',
    lowZoom: true,
    kind: 'date',
    zh: '开工日期',
    en: 'Start date',
    aliases: ['开工日期', '开工时间'],
  },
  {
    field: 'completion_date',
    lowZoom: true,
    kind: 'date',
    zh: '完工日期',
    en: 'Completion date',
    aliases: ['完工日期', '竣工日期', '完工时间'],
  },
  {
    field: 'acceptance_date',
    kind: 'date',
    zh: '验收日期',
    en: 'Acceptance date',
    aliases: ['验收日期', '验收时间'],
  },
  {
    field: 'approval_rate',
    kind: 'rate',
    zh: '居民同意率',
    en: 'Approval rate',
    aliases: ['同意率', '表决同意率', '居民同意率'],
  },
  {
    field: 'satisfaction_rate',
    kind: 'rate',
    zh: '满意度',
    en: 'Satisfaction rate',
    aliases: ['满意度', '群众满意度'],
  },
  {
    field: 'items',
    lowZoom: true,
    kind: 'items',
    zh: '改造内容',
    en: 'Renovation items',
    aliases: ['改造内容', '改造项目', '主要内容'],
  },
  ...FUND_FIELDS,
  { field: 'photo_before', kind: 'string', zh: '改造前照片', en: 'Photo before', aliases: ['改造前照片'] },
  { field: 'photo_after', kind: 'string', zh: '改造后照片', en: 'Photo after', aliases: ['改造后照片'] },
  { field: 'note', kind: 'string', zh: '备注', en: 'Note', aliases: ['备注'] },
  // Provenance columns of our own demo ledger (not in the bureau standard, accepted from any ledger).
  {
    field: 'is_synthetic',
    lowZoom: true,
    kind: 'boolean',
    zh: '示意数据',
    en: 'Synthetic',
    aliases: ['示意数据', 'is_synthetic'],
  },
  {
    field: 'source',
    lowZoom: true,
    kind: 'string',
    zh: '来源',
    en: 'Source',
    aliases: ['来源', '数据来源', 'source'],
  },
];

/** Columns of the amenities table (配套设施). */
export const AMENITY_FIELDS: readonly FieldDefinition[] = [
  { field: 'id', kind: 'string', zh: '编号', en: 'ID', aliases: ['编号', '设施编号', 'ID'] },
  { field: 'name', kind: 'string', zh: '名称', en: 'Name', aliases: ['名称', '设施名称'] },
  {
    field: 'type',
    kind: 'string',
    zh: '类型',
    en: 'Type',
    aliases: ['类型', '设施类型', 'type'],
    required: true,
  },
  {
    field: 'lng',
    kind: 'coordinate',
    zh: '经度',
    en: 'Longitude',
    aliases: ['经度', 'longitude', 'lon', 'lng', 'x'],
    required: true,
  },
  {
    field: 'lat',
    kind: 'coordinate',
    zh: '纬度',
    en: 'Latitude',
    aliases: ['纬度', 'latitude', 'lat', 'y'],
    required: true,
  },
  { field: 'crs', kind: 'crs', zh: '坐标系', en: 'Coordinate system', aliases: ['坐标系', '坐标系统'] },
  { field: 'status', kind: 'string', zh: '状态', en: 'Status', aliases: ['状态', '设施状态'] },
  {
    field: 'community_id',
    kind: 'string',
    zh: '所属小区编号',
    en: 'Community ID',
    aliases: ['所属小区编号', '小区编号', 'community_id'],
  },
  { field: 'area_m2', kind: 'area', zh: '面积', en: 'Area (m²)', aliases: ['面积', '建筑面积', '占地面积'] },
  {
    field: 'location_precision',
    kind: 'precision',
    zh: '定位精度',
    en: 'Location precision',
    aliases: ['定位精度'],
  },
  {
    field: 'is_synthetic',
    kind: 'boolean',
    zh: '示意数据',
    en: 'Synthetic',
    aliases: ['示意数据', 'is_synthetic'],
  },
  { field: 'source', kind: 'string', zh: '来源', en: 'Source', aliases: ['来源', '数据来源', 'source'] },
  { field: 'note', kind: 'string', zh: '备注', en: 'Note', aliases: ['备注'] },
];

/** Date as an ISO string keeping its precision: `2024`, `2024-05` or `2024-05-01`. */
export type IsoDate = string;

/** Qualifier words found on a number (约 about, 近 nearly, 余/以上 more than). */
export type NumberQualifier = 'about' | 'nearly' | 'more_than';

/** One accepted community after normalisation, before life circles and derived metrics. */
export interface CommunityRecord {
  id: string;
  name: string;
  city?: string;
  district?: string;
  street?: string;
  community?: string;
  admin_code?: string;
  address?: string;
  /** WGS84. */
  lng: number;
  lat: number;
  /** The system the ledger declared, before conversion. */
  crs_source: Crs;
  location_precision: LocationPrecision;
  year_built?: number;
  /** `year` or `decade` (20世纪90年代 → 1990, decade). */
  year_built_precision?: 'year' | 'decade';
  buildings?: number;
  households?: number;
  residents?: number;
  floor_area_m2?: number;
  programme?: string;
  batch_year?: number;
  stage?: Stage;
  start_date?: IsoDate;
  completion_date?: IsoDate;
  acceptance_date?: IsoDate;
  approval_rate?: number;
  satisfaction_rate?: number;
  /** Canonical item keys present, in ledger order. */
  items: string[];
  /** Counts (or areas) per item key where the ledger gave one. */
  item_counts: Record<string, number>;
  /** Item words that matched no vocabulary entry, kept verbatim. */
  items_other: string[];
  /** Yuan per channel, only channels present. */
  funds: Partial<Record<string, number>>;
  photo_before?: string;
  photo_after?: string;
  note?: string;
  is_synthetic: boolean;
  source?: string;
  /** Qualifiers seen on numeric fields, e.g. `{ households: 'about' }`. */
  qualifiers: Record<string, NumberQualifier>;
  /** Where the row came from, e.g. `communities.xlsx!Sheet1:12`. */
  source_row: string;
}

export interface AmenityRecord {
  id: string;
  name?: string;
  type: string;
  lng: number;
  lat: number;
  crs_source: Crs;
  status?: 'existing' | 'added';
  community_id?: string;
  area_m2?: number;
  location_precision: LocationPrecision;
  is_synthetic: boolean;
  source?: string;
  note?: string;
  source_row: string;
}
