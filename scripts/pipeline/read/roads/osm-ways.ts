/**
 * Collects an OSM extract's walkable ways and the coordinates of their nodes, in two passes over
 * the file (osm-pbf-roads.ts streams them): first the ways, whose node ids are kept in one typed
 * array; then the nodes, of which only those ids are kept. Ways that share a node id get that
 * node's one pair of coordinates, which is how the graph builder connects them.
 *
 * Memory: 8 bytes per node reference of a kept way, 24 bytes per distinct node among them
 * (id, longitude, latitude), a few bytes per way, then 16 bytes per vertex of the `RoadLine`s.
 * A city extract (a few million references) takes tens of MB; a whole-country extract (tens of
 * millions of walkable references) would take gigabytes: clip it to the city first (`osmium
 * extract`).
 */
import type { RoadLine } from '../../../../src/domain/walk-network/types';
import { ROAD_CLASSES } from '../../../../src/domain/walk-network/types';
import { grown } from '../../grown-array';
import { osmWalkability } from './osm-walkable';
import { geographicSystem } from './road-crs';
import { projectLine } from './road-line';
import type { RoadFeatureIssue, RoadsContent } from './road-types';

/** The tag keys the walkability rule and the names read; the parser is asked for these only. */
export const OSM_WAY_TAG_KEYS = ['highway', 'area', 'foot', 'access', 'motorroad', 'name', 'name:zh'];

/** Index of `id` in the sorted `ids`, or -1. */
function indexOf(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The two-pass collector: `addWay` for every way, `prepareNodes`, `addNode` for nodes, `finish`. */
export class OsmWayCollector {
  /** Ways tagged `highway=*`. */
  featuresRead = 0;
  filtered = 0;
  readonly rejected: RoadFeatureIssue[] = [];

  private wayCount = 0;
  private wayIds = new Float64Array(1024);
  private wayClass = new Uint8Array(1024);
  private wayRefStart = new Uint32Array(1025);
  private wayNames: (string | undefined)[] = [];
  private refs = new Float64Array(4096);
  private refCount = 0;

  private nodeIds = new Float64Array(0);
  private nodeLng = new Float64Array(0);
  private nodeLat = new Float64Array(0);
  private nodesFound = 0;

  /** Takes one way: counted when it has a `highway` tag, kept when the rule says walkable. */
  addWay(id: number, refs: readonly number[], tags: Readonly<Record<string, string>> | undefined): void {
    if (!tags?.highway) return;
    this.featuresRead++;
    const walk = osmWalkability(tags);
    if (!walk.walkable) {
      this.filtered++;
      return;
    }
    if (refs.length < 2) {
      this.rejected.push({
        feature: id,
        column: 'refs',
        value: `${refs.length} node${refs.length === 1 ? '' : 's'}`,
        reason: 'fewer than 2 nodes',
      });
      return;
    }
    const w = this.wayCount++;
    this.wayIds = grown(this.wayIds, w + 1);
    this.wayClass = grown(this.wayClass, w + 1);
    this.wayRefStart = grown(this.wayRefStart, w + 2);
    this.wayIds[w] = id;
    this.wayClass[w] = ROAD_CLASSES.indexOf(walk.roadClass);
    const name = (tags['name:zh'] ?? '').trim() || (tags.name ?? '').trim();
    this.wayNames.push(name === '' ? undefined : name);
    this.refs = grown(this.refs, this.refCount + refs.length);
    for (const ref of refs) this.refs[this.refCount++] = ref;
    this.wayRefStart[w + 1] = this.refCount;
  }

  /** After the ways: the sorted distinct node ids wanted. Returns how many. */
  prepareNodes(): number {
    const ids = this.refs.slice(0, this.refCount).sort();
    let distinct = 0;
    for (let i = 0; i < ids.length; i++)
      if (i === 0 || ids[i] !== ids[distinct - 1]) ids[distinct++] = ids[i]!;
    this.nodeIds = ids.slice(0, distinct);
    this.nodeLng = new Float64Array(distinct).fill(NaN);
    this.nodeLat = new Float64Array(distinct).fill(NaN);
    this.nodesFound = 0;
    return distinct;
  }

  /** Takes one node; ignored unless a kept way refers to it. */
  addNode(id: number, lng: number, lat: number): void {
    const i = indexOf(this.nodeIds, id);
    if (i < 0) return;
    if (Number.isNaN(this.nodeLng[i]!)) this.nodesFound++;
    this.nodeLng[i] = lng;
    this.nodeLat[i] = lat;
  }

  /** Whether every wanted node has been seen (the node pass may stop). */
  get allNodesFound(): boolean {
    return this.nodesFound === this.nodeIds.length;
  }

  /**
   * The lines of the kept ways (call once). A way referring to a node the file does not hold (an extract
   * cut through it) is rejected with its id, as is one whose vertices are not usable.
   */
  finish(): RoadsContent {
    const system = geographicSystem('WGS84');
    const lines: RoadLine[] = [];
    for (let w = 0; w < this.wayCount; w++) {
      const from = this.wayRefStart[w]!;
      const to = this.wayRefStart[w + 1]!;
      const xy = new Float64Array(2 * (to - from));
      let missing: number | undefined;
      for (let k = from; k < to; k++) {
        const i = indexOf(this.nodeIds, this.refs[k]!);
        const lng = i < 0 ? NaN : this.nodeLng[i]!;
        if (Number.isNaN(lng)) {
          missing = this.refs[k]!;
          break;
        }
        xy[2 * (k - from)] = lng;
        xy[2 * (k - from) + 1] = this.nodeLat[i]!;
      }
      const id = this.wayIds[w]!;
      if (missing !== undefined) {
        this.rejected.push({
          feature: id,
          column: 'refs',
          value: String(missing),
          reason: `node ${missing} is not in the file (an extract cut through the way?)`,
        });
        continue;
      }
      const coords = projectLine(xy, system);
      if (!(coords instanceof Float64Array)) {
        this.rejected.push({ feature: id, column: '', ...coords });
        continue;
      }
      const roadClass = ROAD_CLASSES[this.wayClass[w]!]!;
      const name = this.wayNames[w];
      lines.push(name === undefined ? { coords, roadClass } : { coords, roadClass, name });
    }
    return {
      lines,
      crs: 'WGS84',
      featuresRead: this.featuresRead,
      filtered: this.filtered,
      rejected: this.rejected,
    };
  }
}
