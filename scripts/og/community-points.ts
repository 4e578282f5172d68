/**
 * The communities the link-preview image draws, as typed columns: position, stage and the
 * illustrative flag, read from communities.geojson one feature at a time (the data build writes
 * one feature per line), so a national file of 220,000 communities never sits in memory as
 * objects. Pure: the entry (og-image.ts) reads the lines.
 */
import { STAGES } from '../../src/domain/vocabulary';
import { NO_PROGRAMME, NO_STAGE, type CommunityPoints } from './overview-map';

const STAGE_INDEX = new Map<string, number>(STAGES.map((s, i) => [s, i]));

/** Collects communities into growing typed arrays. */
export class CommunityPointsBuilder {
  private lng = new Float64Array(1024);
  private lat = new Float64Array(1024);
  private stage = new Uint8Array(1024);
  private synthetic = new Uint8Array(1024);
  private programme = new Uint16Array(1024);
  private readonly programmeIds: string[] = [];
  private readonly programmeIndex = new Map<string, number>();
  private n = 0;

  /**
   * Adds one community; `stage` is a stage key (anything else counts as unknown), `programme`
   * a programme id (anything else, or more ids than an index holds, counts as none).
   */
  add(lng: number, lat: number, stage: unknown, synthetic: boolean, programme?: unknown): void {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return;
    if (this.n === this.lng.length) this.grow();
    this.lng[this.n] = lng;
    this.lat[this.n] = lat;
    this.stage[this.n] = (typeof stage === 'string' ? STAGE_INDEX.get(stage) : undefined) ?? NO_STAGE;
    this.synthetic[this.n] = synthetic ? 1 : 0;
    this.programme[this.n] = this.programmeOf(programme);
    this.n++;
  }

  private programmeOf(id: unknown): number {
    if (typeof id !== 'string' || id === '') return NO_PROGRAMME;
    let index = this.programmeIndex.get(id);
    if (index === undefined) {
      if (this.programmeIds.length >= NO_PROGRAMME) return NO_PROGRAMME;
      index = this.programmeIds.push(id) - 1;
      this.programmeIndex.set(id, index);
    }
    return index;
  }

  /** Adds a GeoJSON feature if it is a Point community; anything else is skipped. */
  addFeature(feature: unknown): void {
    const f = feature as {
      geometry?: { type?: string; coordinates?: unknown };
      properties?: Record<string, unknown>;
    };
    if (f?.geometry?.type !== 'Point' || !Array.isArray(f.geometry.coordinates)) return;
    const [lng, lat] = f.geometry.coordinates as unknown[];
    const p = f.properties ?? {};
    // Tiles and older files carry the flag as a boolean, 1 or "true" (src/style/scales.ts IS_SYNTHETIC).
    const synthetic = p.is_synthetic === true || p.is_synthetic === 1 || p.is_synthetic === 'true';
    this.add(Number(lng), Number(lat), p.stage, synthetic, p.programme);
  }

  /** The columns collected so far. */
  build(): CommunityPoints {
    return {
      lng: this.lng.subarray(0, this.n),
      lat: this.lat.subarray(0, this.n),
      stage: this.stage.subarray(0, this.n),
      synthetic: this.synthetic.subarray(0, this.n),
      programme: this.programme.subarray(0, this.n),
      programmeIds: [...this.programmeIds],
      length: this.n,
    };
  }

  private grow(): void {
    const size = this.lng.length * 2;
    const copy = <T extends Float64Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T) => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.lng = copy(this.lng, (n) => new Float64Array(n));
    this.lat = copy(this.lat, (n) => new Float64Array(n));
    this.stage = copy(this.stage, (n) => new Uint8Array(n));
    this.synthetic = copy(this.synthetic, (n) => new Uint8Array(n));
    this.programme = copy(this.programme, (n) => new Uint16Array(n));
  }
}

/**
 * The feature on one line of a communities.geojson as the data build writes it
 * (`{"type":"Feature",…},`), or null for the other lines (the collection's head and tail).
 */
export function parseFeatureLine(line: string): unknown {
  const text = line.trim().replace(/,$/, '');
  if (!text.startsWith('{') || !/^\{\s*"type"\s*:\s*"Feature"/.test(text)) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
