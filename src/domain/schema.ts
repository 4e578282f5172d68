/**
 * Canonical fields of the communities and amenities tables, with the header aliases a ledger
 * may use (shared/domain/data-standard.md). Pure data: both the build scripts and the site
 * import it (the site for labels and the field dictionary).
 */
import { fundingAliases } from './ledger-words';
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

/** Marks a field row may carry. */
type FieldMarks = Pick<FieldDefinition, 'lowZoom' | 'required'>;
const LOW_ZOOM: FieldMarks = { lowZoom: true };
const REQUIRED: FieldMarks = { required: true };

/** A field as a table row: field, kind, zh, en, aliases and its marks, if any. */
type FieldRow = readonly [
  field: string,
  kind: FieldKind,
  zh: string,
  en: string,
  aliases: readonly string[],
  marks?: FieldMarks,
];

/** Field definitions from their table rows. */
function fieldsOf(rows: readonly FieldRow[]): FieldDefinition[] {
  return rows.map(([field, kind, zh, en, aliases, marks = {}]) => ({
    field,
    ...(marks.lowZoom ? { lowZoom: true as const } : {}),
    kind,
    zh,
    en,
    aliases,
    ...(marks.required ? { required: true } : {}),
  }));
}

/** Columns of the communities ledger (小区台账). `item_*` columns are resolved separately. */
export const COMMUNITY_FIELDS: readonly FieldDefinition[] = fieldsOf([
  ['id', 'string', '编号', 'ID', ['编号', '小区编号', '项目编号', 'ID'], LOW_ZOOM],
  [
    'name',
    'string',
    '小区名称',
    'Name',
    ['小区名称', '小区', '名称', '项目名称'],
    { lowZoom: true, required: true },
  ],
  ['city', 'string', '市', 'City', ['市', '城市', '所属城市'], LOW_ZOOM],
  ['district', 'string', '区县', 'District', ['区', '区县', '县区', '所属区县'], LOW_ZOOM],
  ['street', 'string', '街道', 'Street', ['街道', '街道办', '乡镇', '镇街', '所属街道'], LOW_ZOOM],
  ['community', 'string', '社区', 'Community', ['社区', '社区居委会', '居委会', '所属社区']],
  ['admin_code', 'string', '区划代码', 'Division code', ['区划代码', '行政区划代码', '社区代码']],
  ['address', 'string', '地址', 'Address', ['地址', '详细地址', '小区地址']],
  ['lng', 'coordinate', '经度', 'Longitude', ['经度', 'longitude', 'lon', 'lng', 'x']],
  ['lat', 'coordinate', '纬度', 'Latitude', ['纬度', 'latitude', 'lat', 'y']],
  ['crs', 'crs', '坐标系', 'Coordinate system', ['坐标系', '坐标系统']],
  ['location_precision', 'precision', '定位精度', 'Location precision', ['定位精度'], LOW_ZOOM],
  [
    'year_built',
    'year',
    '建成年份',
    'Year built',
    ['建成年份', '建成年代', '建成时间', '竣工年份'],
    LOW_ZOOM,
  ],
  ['buildings', 'integer', '楼栋数', 'Buildings', ['楼栋数', '栋数', '楼栋']],
  ['households', 'integer', '户数', 'Households', ['户数', '总户数', '住户数', '惠及户数'], LOW_ZOOM],
  ['residents', 'integer', '人数', 'Residents', ['人数', '居民人数', '人口', '惠及人数']],
  ['floor_area_m2', 'area', '建筑面积', 'Floor area (m²)', ['建筑面积', '总建筑面积']],
  ['programme', 'string', '所属计划', 'Programme', ['所属计划', '项目批次', '行动', '计划名称'], LOW_ZOOM],
  ['batch_year', 'year', '改造年度', 'Batch year', ['年度', '批次', '计划年度', '改造年度'], LOW_ZOOM],
  ['stage', 'stage', '改造状态', 'Stage', ['改造状态', '状态', '进度', '项目进度', '实施阶段'], LOW_ZOOM],
  ['start_date', 'date', '开工日期', 'Start date', ['开工日期', '开工时间'], LOW_ZOOM],
  ['completion_date', 'date', '完工日期', 'Completion date', ['完工日期', '竣工日期', '完工时间'], LOW_ZOOM],
  ['acceptance_date', 'date', '验收日期', 'Acceptance date', ['验收日期', '验收时间']],
  ['approval_rate', 'rate', '居民同意率', 'Approval rate', ['同意率', '表决同意率', '居民同意率']],
  ['satisfaction_rate', 'rate', '满意度', 'Satisfaction rate', ['满意度', '群众满意度']],
  ['items', 'items', '改造内容', 'Renovation items', ['改造内容', '改造项目', '主要内容'], LOW_ZOOM],
  ...FUNDING_CHANNELS.map((c): FieldRow => [c.field, 'money', c.zh, c.en, fundingAliases(c.field)]),
  ['photo_before', 'string', '改造前照片', 'Photo before', ['改造前照片']],
  ['photo_after', 'string', '改造后照片', 'Photo after', ['改造后照片']],
  ['note', 'string', '备注', 'Note', ['备注']],
  // Provenance columns of our own demo ledger (not in the bureau standard, accepted from any ledger).
  ['is_synthetic', 'boolean', '示意数据', 'Synthetic', ['示意数据', 'is_synthetic'], LOW_ZOOM],
  ['source', 'string', '来源', 'Source', ['来源', '数据来源', 'source'], LOW_ZOOM],
]);

/** Columns of the amenities table (配套设施). */
export const AMENITY_FIELDS: readonly FieldDefinition[] = fieldsOf([
  ['id', 'string', '编号', 'ID', ['编号', '设施编号', 'ID']],
  ['name', 'string', '名称', 'Name', ['名称', '设施名称']],
  ['type', 'string', '类型', 'Type', ['类型', '设施类型', 'type'], REQUIRED],
  ['lng', 'coordinate', '经度', 'Longitude', ['经度', 'longitude', 'lon', 'lng', 'x'], REQUIRED],
  ['lat', 'coordinate', '纬度', 'Latitude', ['纬度', 'latitude', 'lat', 'y'], REQUIRED],
  ['crs', 'crs', '坐标系', 'Coordinate system', ['坐标系', '坐标系统']],
  ['status', 'string', '状态', 'Status', ['状态', '设施状态']],
  ['community_id', 'string', '所属小区编号', 'Community ID', ['所属小区编号', '小区编号', 'community_id']],
  ['area_m2', 'area', '面积', 'Area (m²)', ['面积', '建筑面积', '占地面积']],
  ['location_precision', 'precision', '定位精度', 'Location precision', ['定位精度']],
  ['is_synthetic', 'boolean', '示意数据', 'Synthetic', ['示意数据', 'is_synthetic']],
  ['source', 'string', '来源', 'Source', ['来源', '数据来源', 'source']],
  ['note', 'string', '备注', 'Note', ['备注']],
]);

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
