/**
 * The link-preview image's map in pixels: a Web Mercator projection fitted to the data's extent,
 * the land as one SVG path clipped to the image, and the communities binned into dots, so that
 * 220,000 communities make a few thousand marks rather than an SVG resvg would choke on. Pure.
 */

/** A rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Longitude, latitude → image pixels. */
export type Project = (lng: number, lat: number) => [x: number, y: number];

/** Options of `fitMercator`. */
export interface FitOptions {
  /** Room left around the extent, as a share of the window. Default 0.08. */
  padding?: number;
  /**
   * Smallest span shown, in degrees of longitude. Default 0.3 (a district): one community, or a
   * street's, would otherwise be drawn at a zoom where the land is a blank square.
   */
  minSpan?: number;
}

const MAX_LAT = 85.0511;
const mercatorY = (lat: number) => {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2));
};
const toRadians = (lng: number) => (lng * Math.PI) / 180;

/** A Mercator projection showing `bbox` [west, south, east, north] as large as fits in `window`, centred. */
export function fitMercator(
  bbox: readonly [number, number, number, number],
  window: Rect,
  options: FitOptions = {},
): Project {
  const padding = options.padding ?? 0.08;
  const minSpan = toRadians(options.minSpan ?? 0.3);
  const [west, south, east, north] = bbox;
  const cx = (toRadians(west) + toRadians(east)) / 2;
  const cy = (mercatorY(south) + mercatorY(north)) / 2;
  const spanX = Math.max(toRadians(east) - toRadians(west), minSpan);
  const spanY = Math.max(mercatorY(north) - mercatorY(south), minSpan);
  const inner = 1 - 2 * padding;
  const scale = Math.min((window.width * inner) / spanX, (window.height * inner) / spanY);
  const ox = window.x + window.width / 2;
  const oy = window.y + window.height / 2;
  return (lng, lat) => [ox + (toRadians(lng) - cx) * scale, oy - (mercatorY(lat) - cy) * scale];
}

/** One edge of the clip rectangle: whether a point is inside, and where a segment crosses it. */
interface ClipEdge {
  inside(x: number, y: number): boolean;
  cross(ax: number, ay: number, bx: number, by: number): [number, number];
}

function clipEdges(r: Rect): ClipEdge[] {
  const left = r.x;
  const right = r.x + r.width;
  const top = r.y;
  const bottom = r.y + r.height;
  const atX = (ax: number, ay: number, bx: number, by: number, x: number): [number, number] => [
    x,
    ay + ((by - ay) * (x - ax)) / (bx - ax),
  ];
  const atY = (ax: number, ay: number, bx: number, by: number, y: number): [number, number] => [
    ax + ((bx - ax) * (y - ay)) / (by - ay),
    y,
  ];
  return [
    { inside: (x) => x >= left, cross: (ax, ay, bx, by) => atX(ax, ay, bx, by, left) },
    { inside: (x) => x <= right, cross: (ax, ay, bx, by) => atX(ax, ay, bx, by, right) },
    { inside: (_x, y) => y >= top, cross: (ax, ay, bx, by) => atY(ax, ay, bx, by, top) },
    { inside: (_x, y) => y <= bottom, cross: (ax, ay, bx, by) => atY(ax, ay, bx, by, bottom) },
  ];
}

/**
 * A closed ring (flat `[x0, y0, x1, y1, …]`, pixels) clipped to `rect` (Sutherland–Hodgman).
 * Parts outside become runs along the rectangle's edges, which a fill does not show; a ring
 * entirely outside comes back empty.
 */
export function clipRing(ring: readonly number[], rect: Rect): number[] {
  let points = ring.slice();
  for (const edge of clipEdges(rect)) {
    const n = points.length / 2;
    if (n === 0) break;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const ax = points[((i + n - 1) % n) * 2]!;
      const ay = points[((i + n - 1) % n) * 2 + 1]!;
      const bx = points[i * 2]!;
      const by = points[i * 2 + 1]!;
      const aIn = edge.inside(ax, ay);
      const bIn = edge.inside(bx, by);
      if (bIn) {
        if (!aIn) out.push(...edge.cross(ax, ay, bx, by));
        out.push(bx, by);
      } else if (aIn) out.push(...edge.cross(ax, ay, bx, by));
    }
    points = out;
  }
  return points;
}

/** Options of `landPath`. */
export interface LandPathOptions {
  /** Points closer than this to the last one kept are dropped, in pixels. Default 0.6. */
  minStep?: number;
}

/**
 * Land polygons (GeoJSON Polygon coordinates, rings in degrees) as one SVG path `d`, projected,
 * clipped to `clip` and thinned to what the image can show. Fill it with `fill-rule="evenodd"`:
 * land polygons never overlap, so holes (the Caspian Sea) stay holes.
 */
export function landPath(
  polygons: readonly (readonly (readonly (readonly number[])[])[])[],
  project: Project,
  clip: Rect,
  options: LandPathOptions = {},
): string {
  const minStep = options.minStep ?? 0.6;
  const parts: string[] = [];
  const round = (v: number) => Math.round(v * 10) / 10;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      // Skip rings whose bounding box misses the image: Mercator keeps lines of longitude and
      // latitude straight, so the projected corners bound the projected ring.
      let west = Infinity;
      let east = -Infinity;
      let south = Infinity;
      let north = -Infinity;
      for (const [lng, lat] of ring) {
        west = Math.min(west, lng!);
        east = Math.max(east, lng!);
        south = Math.min(south, lat!);
        north = Math.max(north, lat!);
      }
      const [x0, y0] = project(west, north);
      const [x1, y1] = project(east, south);
      if (x1 < clip.x || x0 > clip.x + clip.width || y1 < clip.y || y0 > clip.y + clip.height) continue;
      if (Math.max(x1 - x0, y1 - y0) < minStep) continue;

      const flat: number[] = [];
      for (const [lng, lat] of ring) flat.push(...project(lng!, lat!));
      const clipped = clipRing(flat, clip);
      const kept: number[] = [];
      for (let i = 0; i < clipped.length; i += 2) {
        const x = clipped[i]!;
        const y = clipped[i + 1]!;
        const n = kept.length;
        if (n && Math.abs(x - kept[n - 2]!) < minStep && Math.abs(y - kept[n - 1]!) < minStep) continue;
        kept.push(x, y);
      }
      if (kept.length < 6) continue;
      let d = `M${round(kept[0]!)} ${round(kept[1]!)}`;
      for (let i = 2; i < kept.length; i += 2) d += `L${round(kept[i]!)} ${round(kept[i + 1]!)}`;
      parts.push(`${d}Z`);
    }
  }
  return parts.join('');
}

/**
 * Communities as typed columns: positions, stage (an index into the caller's stage list; 255
 * for none), the illustrative flag, and the programme (an index into `programmeIds`; `NO_PROGRAMME` for none).
 */
export interface CommunityPoints {
  lng: Float64Array;
  lat: Float64Array;
  stage: Uint8Array;
  synthetic: Uint8Array;
  programme: Uint16Array;
  programmeIds: readonly string[];
  length: number;
}

/** Programme index of a community that names none. */
export const NO_PROGRAMME = 0xffff;

/** Stage index of a community whose ledger gave no stage. */
export const NO_STAGE = 255;

/** One mark on the image: the communities of one stage in one cell. */
export interface Dot {
  /** Mean position of those communities. */
  x: number;
  y: number;
  /** Their stage (an index of the caller's stage list), or `NO_STAGE`. */
  stage: number;
  /** True when all of them are illustrative: drawn as a ring, as the map does. */
  synthetic: boolean;
  count: number;
  /** The cell (row-major index), shared by the dots of its other stages. */
  cell: number;
}

/**
 * Bins the communities inside `rect` into cells of `cell` pixels and, within a cell, by stage:
 * each becomes one dot at its communities' mean position, so every stage in the data is drawn
 * somewhere however few communities have it. Dots come in cell order, stages in order within.
 */
export function binCommunities(points: CommunityPoints, project: Project, rect: Rect, cell = 5): Dot[] {
  const columns = Math.ceil(rect.width / cell);
  const bins = new Map<number, { sx: number; sy: number; count: number; real: number }>();
  for (let i = 0; i < points.length; i++) {
    const [x, y] = project(points.lng[i]!, points.lat[i]!);
    if (!(x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height)) continue;
    const cellIndex = Math.floor((y - rect.y) / cell) * columns + Math.floor((x - rect.x) / cell);
    const key = cellIndex * 256 + points.stage[i]!;
    let bin = bins.get(key);
    if (!bin) bins.set(key, (bin = { sx: 0, sy: 0, count: 0, real: 0 }));
    bin.sx += x;
    bin.sy += y;
    bin.count++;
    if (!points.synthetic[i]) bin.real++;
  }
  return [...bins.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const bin = bins.get(key)!;
      return {
        x: bin.sx / bin.count,
        y: bin.sy / bin.count,
        stage: key % 256,
        synthetic: bin.real === 0,
        count: bin.count,
        cell: Math.floor(key / 256),
      };
    });
}

/**
 * Moves the dots of a cell that holds several stages apart, around their common centre, by
 * `distance(dots of the cell)` pixels, so that marks of one place do not hide each other. A cell
 * of one stage keeps its dot where it is.
 */
export function spreadCells(dots: readonly Dot[], distance: (group: readonly Dot[]) => number): Dot[] {
  const groups = new Map<number, Dot[]>();
  for (const d of dots) {
    const g = groups.get(d.cell);
    if (g) g.push(d);
    else groups.set(d.cell, [d]);
  }
  const out: Dot[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      out.push(group[0]!);
      continue;
    }
    const cx = group.reduce((s, d) => s + d.x, 0) / group.length;
    const cy = group.reduce((s, d) => s + d.y, 0) / group.length;
    const r = distance(group);
    group.forEach((d, i) => {
      // Clockwise from the top, in stage order: the same data always gives the same picture.
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / group.length;
      out.push({ ...d, x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) });
    });
  }
  return out;
}

/** A label to place on the map: its text and the point it names. */
export interface MapLabel {
  text: string;
  x: number;
  y: number;
  /** Half the width of the mark it labels, so the text starts clear of it. */
  clearance: number;
}

/** A placed label: its text, anchor point (start of the baseline) and box. */
export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  box: Rect;
}

/**
 * Places labels right of their point, else left, below or above, skipping one that would overlap
 * a label already placed or leave `bounds`; earlier labels win. `width` measures a text.
 */
export function placeLabels(
  labels: readonly MapLabel[],
  bounds: Rect,
  size: number,
  width: (text: string) => number,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const overlaps = (a: Rect, b: Rect) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const inside = (r: Rect) =>
    r.x >= bounds.x &&
    r.y >= bounds.y &&
    r.x + r.width <= bounds.x + bounds.width &&
    r.y + r.height <= bounds.y + bounds.height;
  for (const label of labels) {
    const w = width(label.text);
    const gap = label.clearance + 4;
    const candidates: Rect[] = [
      { x: label.x + gap, y: label.y - size / 2, width: w, height: size },
      { x: label.x - gap - w, y: label.y - size / 2, width: w, height: size },
      { x: label.x - w / 2, y: label.y + gap, width: w, height: size },
      { x: label.x - w / 2, y: label.y - gap - size, width: w, height: size },
    ];
    const box = candidates.find((c) => inside(c) && !placed.some((p) => overlaps(c, p.box)));
    // The baseline sits about a fifth of the size above the box's bottom.
    if (box) placed.push({ text: label.text, x: box.x, y: box.y + size * 0.85, box });
  }
  return placed;
}
