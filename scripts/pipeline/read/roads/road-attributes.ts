/**
 * A GeoJSON or shapefile road's class and name from its attributes.
 *
 * OSM-derived files (a `highway` property, as Overpass and osmium export them; Geofabrik's
 * shapefiles write the value as `fclass`) go through the OSM walkability rule (osm-walkable.ts):
 * `highway=motorway` is dropped, `footway` is a path, and so on.
 *
 * Other files name the class in one of `道路等级`, `等级`, `道路类型`, `道路类别`, `class`,
 * `roadclass`, `road_class`, `level`, `type`, `kind`, `类型` (first one with a recognised value
 * wins; keys compared case-insensitively):
 *
 * | class | values |
 * | --- | --- |
 * | not walked (dropped) | 高速公路, 高速, motorway, motorway_link, freeway |
 * | major | 快速路, 城市快速路, 主干路, 主干道, 主要道路, 国道, 省道, 一级公路, 二级公路, trunk, primary, secondary (+ `_link`), major, arterial |
 * | minor | 次干路, 次干道, 次要道路, 支路, 县道, 乡道, 村道, 三级公路, 四级公路, 街巷, 小区道路, 内部道路, tertiary, residential, unclassified, living_street, service, road, minor, collector, local, street |
 * | path | 人行道, 步行道, 步行街, 人行路, 行人道路, 绿道, 慢行道, 游步道, 小路, 小径, 台阶, 梯道, footway, pedestrian, path, steps, track, cycleway, bridleway, corridor, sidewalk, walkway, footpath, trail |
 *
 * then, for values not in the table, by the words they contain: 高速 (dropped), 快速 / 主干
 * (major), 次干 / 支路 (minor), 人行 / 步行 / 绿道 / 慢行 (path). A feature without a recognised
 * class is minor. 快速路 stays (as major) although its main carriageway bars pedestrians: Chinese
 * road files usually draw the whole corridor, side roads and footways included, as one line.
 *
 * The name comes from the first non-empty of `name:zh`, `name_zh`, `name`, `名称`, `道路名称`,
 * `道路名`, `路名`, `road_name`, `roadname`.
 */
import { foldWidth } from '../../../../src/domain/parse/text';
import type { RoadClass } from '../../../../src/domain/walk-network/types';
import { osmWalkability, WALKABLE_HIGHWAYS } from './osm-walkable';

const CLASS_KEYS = [
  '道路等级',
  '等级',
  '道路类型',
  '道路类别',
  'class',
  'roadclass',
  'road_class',
  'level',
  'type',
  'kind',
  '类型',
];
const NAME_KEYS = [
  'name:zh',
  'name_zh',
  'name',
  '名称',
  '道路名称',
  '道路名',
  '路名',
  'road_name',
  'roadname',
];

/** Not walked: the class of a road nobody may walk on. */
type ClassWord = RoadClass | 'none';

const CLASS_WORDS: ReadonlyMap<string, ClassWord> = new Map([
  ...['高速公路', '高速', 'motorway', 'motorway_link', 'freeway'].map((w) => [w, 'none'] as const),
  ...['快速路', '城市快速路', '主干路', '主干道', '主要道路', '国道', '省道', '一级公路', '二级公路']
    .concat(['major', 'arterial'])
    .map((w) => [w, 'major'] as const),
  ...['次干路', '次干道', '次要道路', '支路', '县道', '乡道', '村道', '三级公路', '四级公路', '街巷']
    .concat(['小区道路', '内部道路', 'minor', 'collector', 'local', 'street'])
    .map((w) => [w, 'minor'] as const),
  ...[
    '人行道',
    '步行道',
    '步行街',
    '人行路',
    '行人道路',
    '绿道',
    '慢行道',
    '游步道',
    '小路',
    '小径',
    '台阶',
    '梯道',
  ]
    .concat(['sidewalk', 'walkway', 'footpath', 'trail'])
    .map((w) => [w, 'path'] as const),
  ...Object.entries(WALKABLE_HIGHWAYS),
]);

const CLASS_PARTS: readonly (readonly [string, ClassWord])[] = [
  ['高速', 'none'],
  ['快速', 'major'],
  ['主干', 'major'],
  ['次干', 'minor'],
  ['支路', 'minor'],
  ['人行', 'path'],
  ['步行', 'path'],
  ['绿道', 'path'],
  ['慢行', 'path'],
];

/** A road's class and name, or why nobody walks on it. */
export type RoadAttributes =
  { walkable: true; roadClass: RoadClass; name?: string } | { walkable: false; reason: string };

/** Text of an attribute value; '' for null, undefined, objects and arrays. */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** The class a word names, by the table, then by the words it contains. */
export function classOfWord(word: string): ClassWord | undefined {
  const w = foldWidth(word).trim().toLowerCase();
  if (w === '') return undefined;
  const exact = CLASS_WORDS.get(w);
  if (exact) return exact;
  return CLASS_PARTS.find(([part]) => w.includes(part))?.[1];
}

/** Class and name of a GeoJSON or shapefile road from its attributes (see the module comment). */
export function roadAttributes(properties: Readonly<Record<string, unknown>>): RoadAttributes {
  const byKey = new Map<string, string>();
  for (const key of Object.keys(properties)) {
    const folded = key.trim().toLowerCase();
    if (!byKey.has(folded)) byKey.set(folded, key);
  }
  const value = (key: string) => {
    const original = byKey.get(key);
    return original === undefined ? '' : text(properties[original]);
  };
  const nameKey = NAME_KEYS.find((key) => value(key) !== '');
  const name = nameKey === undefined ? undefined : value(nameKey);
  const named = (roadClass: RoadClass) => (name === undefined ? { roadClass } : { roadClass, name });

  const highway = value('highway');
  const fclass = value('fclass').toLowerCase();
  // Geofabrik writes highway=road as `unknown` and grades tracks as `track_grade1` … 5.
  const osmValue =
    highway !== ''
      ? highway
      : fclass === 'unknown'
        ? 'road'
        : fclass.startsWith('track_grade')
          ? 'track'
          : Object.hasOwn(WALKABLE_HIGHWAYS, fclass) || fclass.startsWith('motorway')
            ? fclass
            : '';
  if (osmValue !== '') {
    const tags: Record<string, string> = { highway: osmValue };
    for (const key of ['access', 'foot', 'area', 'motorroad']) tags[key] = value(key);
    const walk = osmWalkability(tags);
    if (!walk.walkable) return walk;
    return { walkable: true, ...named(walk.roadClass) };
  }

  for (const key of CLASS_KEYS) {
    const word = value(key);
    const roadClass = word === '' ? undefined : classOfWord(word);
    if (roadClass === undefined) continue;
    if (roadClass === 'none')
      return { walkable: false, reason: `${byKey.get(key) ?? key}=${word}: no pedestrians` };
    return { walkable: true, ...named(roadClass) };
  }
  return { walkable: true, ...named('minor') };
}
