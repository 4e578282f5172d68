/**
 * Approximate centres of the areas the demo places communities in, and the jitter that turns a
 * centre into an illustrative position. None of these are surveyed points: they are rough
 * street or district centres (WGS84, to about a kilometre), which is why every demo row says
 * 定位精度 = 街道 or 区县 and never exact.
 */
import type { Rng } from './prng';

/** A rough centre and how far (metres) positions may scatter around it. */
export interface ApproxCentre {
  lng: number;
  lat: number;
  /** Scatter radius: small for a street, larger for a district. */
  radius_m: number;
  label: string;
}

/**
 * Keyed by NBS division code (6-digit district, 9-digit street). Coordinates are from general
 * knowledge of each place, rounded; radii keep points on land for the coastal Xiamen streets.
 */
export const APPROX_CENTRES: Readonly<Record<string, ApproxCentre>> = {
  // 长沙市 districts (district precision)
  '430102': { lng: 113.034, lat: 28.188, radius_m: 2200, label: '芙蓉区' },
  '430103': { lng: 112.99, lat: 28.11, radius_m: 2200, label: '天心区' },
  '430104': { lng: 112.915, lat: 28.222, radius_m: 2200, label: '岳麓区' },
  '430105': { lng: 112.99, lat: 28.256, radius_m: 2200, label: '开福区' },
  '430111': { lng: 113.04, lat: 28.135, radius_m: 2200, label: '雨花区' },
  '430112': { lng: 112.82, lat: 28.348, radius_m: 2000, label: '望城区' },
  // 长沙市 streets named in the article
  '430104011': { lng: 112.882, lat: 28.217, radius_m: 700, label: '麓谷街道' },
  '430111003': { lng: 113.03, lat: 28.155, radius_m: 700, label: '圭塘街道' },
  // 湘潭市雨湖区 (district precision: street centres not known well enough)
  '430302': { lng: 112.907, lat: 27.858, radius_m: 1300, label: '雨湖区' },
  // 厦门市思明区 and its streets (鼓浪屿 left out: too small to scatter on)
  '350203': { lng: 118.11, lat: 24.47, radius_m: 1500, label: '思明区' },
  '350203001': { lng: 118.091, lat: 24.449, radius_m: 350, label: '厦港街道' },
  '350203003': { lng: 118.085, lat: 24.458, radius_m: 300, label: '中华街道' },
  '350203005': { lng: 118.128, lat: 24.442, radius_m: 450, label: '滨海街道' },
  '350203006': { lng: 118.09, lat: 24.466, radius_m: 350, label: '鹭江街道' },
  '350203007': { lng: 118.104, lat: 24.466, radius_m: 450, label: '开元街道' },
  '350203008': { lng: 118.12, lat: 24.471, radius_m: 450, label: '梧村街道' },
  '350203009': { lng: 118.1, lat: 24.485, radius_m: 500, label: '筼筜街道' },
  '350203010': { lng: 118.155, lat: 24.474, radius_m: 600, label: '莲前街道' },
  '350203011': { lng: 118.126, lat: 24.484, radius_m: 500, label: '嘉莲街道' },
  // 白银市白银区 (district precision)
  '620402': { lng: 104.172, lat: 36.546, radius_m: 1000, label: '白银区' },
  // 安康市石泉县: the county seat is 城关镇
  '610922': { lng: 108.249, lat: 33.039, radius_m: 450, label: '石泉县（城关镇）' },
  '610922100': { lng: 108.249, lat: 33.039, radius_m: 450, label: '城关镇' },
};

const METRES_PER_DEGREE_LAT = 111_320;

/** `point` moved by `metres` along `bearing` (radians from east), on a local flat approximation. */
export function displace(point: { lng: number; lat: number }, metres: number, bearing: number) {
  const dLat = (metres * Math.sin(bearing)) / METRES_PER_DEGREE_LAT;
  const dLng = (metres * Math.cos(bearing)) / (METRES_PER_DEGREE_LAT * Math.cos((point.lat * Math.PI) / 180));
  return { lng: round6(point.lng + dLng), lat: round6(point.lat + dLat) };
}

/** A point uniformly inside the centre's scatter disc. */
export function scatter(rng: Rng, centre: ApproxCentre, radius_m = centre.radius_m) {
  // sqrt keeps the density uniform over the disc instead of bunching at the centre.
  return displace(centre, radius_m * Math.sqrt(rng.next()), rng.uniform(0, 2 * Math.PI));
}

/** A point between `min_m` and `max_m` from `point`, in a random direction. */
export function near(rng: Rng, point: { lng: number; lat: number }, min_m: number, max_m: number) {
  return displace(point, rng.uniform(min_m, max_m), rng.uniform(0, 2 * Math.PI));
}

/** Six decimals: about 0.1 m, far finer than the positions are worth, and stable text. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
