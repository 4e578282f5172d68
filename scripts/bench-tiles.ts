/**
 * Benchmarks point tiling: N synthetic communities (default 220000, the national scale)
 * clustered around Chinese cities, each with about forty properties shaped like the build's
 * community features, through `tilePoints` and `writePmtiles`. Writes nothing unless given
 * `--out FILE`.
 *
 *   npx tsx scripts/bench-tiles.ts [N] [--low-zoom] [--workers W] [--out FILE]
 *
 * `--low-zoom` keeps only nine properties below maxZoom, as the build does; `--workers` sets
 * the gzip threads (default: one fewer than the CPUs; 0 gzips on the main thread only).
 */
import { writeFileSync } from 'node:fs';
import { tileIdToZxy } from 'pmtiles';
import { writePmtiles } from './pipeline/tiles/pmtiles-writer';
import { tilePoints, type TilePoint } from './pipeline/tiles/point-tiles';
import { mulberry32 } from '../src/domain/mulberry32';

/** City centres (lng, lat) and a weight for how many communities cluster around each. */
const CITIES: readonly [string, number, number, number][] = [
  ['上海', 121.47, 31.23, 24],
  ['北京', 116.4, 39.9, 22],
  ['重庆', 106.55, 29.56, 16],
  ['广州', 113.26, 23.13, 18],
  ['深圳', 114.06, 22.54, 17],
  ['成都', 104.07, 30.67, 16],
  ['天津', 117.2, 39.13, 13],
  ['武汉', 114.31, 30.59, 12],
  ['西安', 108.94, 34.34, 12],
  ['杭州', 120.16, 30.27, 12],
  ['南京', 118.8, 32.06, 9],
  ['沈阳', 123.43, 41.8, 9],
  ['哈尔滨', 126.53, 45.8, 9],
  ['郑州', 113.62, 34.75, 10],
  ['长沙', 112.94, 28.23, 9],
  ['青岛', 120.38, 36.07, 8],
  ['济南', 117.0, 36.67, 8],
  ['大连', 121.61, 38.91, 7],
  ['昆明', 102.83, 24.88, 7],
  ['合肥', 117.23, 31.82, 8],
  ['福州', 119.3, 26.08, 7],
  ['厦门', 118.09, 24.48, 5],
  ['长春', 125.32, 43.82, 7],
  ['太原', 112.55, 37.87, 6],
  ['石家庄', 114.51, 38.04, 7],
  ['南宁', 108.37, 22.82, 6],
  ['贵阳', 106.63, 26.65, 6],
  ['南昌', 115.86, 28.68, 6],
  ['兰州', 103.83, 36.06, 4],
  ['乌鲁木齐', 87.62, 43.83, 4],
  ['呼和浩特', 111.75, 40.84, 3],
  ['银川', 106.23, 38.49, 2],
  ['西宁', 101.78, 36.62, 2],
  ['拉萨', 91.11, 29.65, 1],
  ['海口', 110.33, 20.03, 2],
  ['苏州', 120.58, 31.3, 10],
  ['无锡', 120.31, 31.49, 6],
  ['宁波', 121.55, 29.87, 7],
  ['佛山', 113.12, 23.02, 8],
  ['东莞', 113.75, 23.02, 8],
];
const STAGES = ['planned', 'approved', 'in_progress', 'completed', 'accepted'];
const DISTRICT_WORDS = ['东城', '西城', '南岗', '北湖', '新华', '和平', '高新', '经开', '城关', '江北'];
const NAME_CHARS = '和平幸福光明友谊建设胜利人民阳光花园新村小区家园嘉苑锦绣东方明珠翠湖春晓';

/** Mulberry32: a seeded PRNG so every run tiles the same points. */
const seededRandom = mulberry32;

/** N communities: most within ~8 km of a city centre, the rest spread ~30 km out. */
function syntheticCommunities(n: number, seed = 42): TilePoint[] {
  const random = seededRandom(seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const totalWeight = CITIES.reduce((sum, c) => sum + c[3], 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const points: TilePoint[] = [];
  for (let i = 0; i < n; i++) {
    let w = random() * totalWeight;
    let city = CITIES[0]!;
    for (const c of CITIES) {
      w -= c[3];
      if (w <= 0) {
        city = c;
        break;
      }
    }
    const spread = random() < 0.8 ? 0.07 : 0.3;
    const lng = city[1] + gaussian() * spread;
    const lat = city[2] + gaussian() * spread * 0.8;
    const district = `${pick(DISTRICT_WORDS)}区`;
    const name =
      Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick([...NAME_CHARS])).join('') + '小区';
    const households = 50 + Math.floor(random() * 1500);
    const fiscal = Math.round(households * (3000 + random() * 9000));
    const nonfiscal = Math.round(fiscal * random() * 0.4);
    const year = 1970 + Math.floor(random() * 35);
    points.push({
      lng,
      lat,
      properties: {
        id: `C${String(i).padStart(7, '0')}`,
        name,
        city: city[0],
        district,
        street: `${pick(DISTRICT_WORDS)}街道`,
        community: `${pick(DISTRICT_WORDS)}社区`,
        admin_code: String(110101001000 + Math.floor(random() * 1e6)),
        address: `${city[0]}市${district}${pick(DISTRICT_WORDS)}路${1 + Math.floor(random() * 300)}号`,
        crs_source: pick(['wgs84', 'gcj02', 'bd09']),
        location_precision: pick(['exact', 'street', 'community']),
        year_built: year,
        year_built_precision: random() < 0.8 ? 'year' : 'decade',
        buildings: 1 + Math.floor(random() * 40),
        households,
        residents: Math.round(households * 2.6),
        floor_area_m2: Math.round(households * (60 + random() * 40) * 10) / 10,
        programme: `${city[0]}${2019 + Math.floor(random() * 6)}年老旧小区改造`,
        batch_year: 2019 + Math.floor(random() * 6),
        stage: pick(STAGES),
        start_date: `202${Math.floor(random() * 5)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        completion_date:
          random() < 0.5 ? `2024-0${1 + Math.floor(random() * 9)}-2${Math.floor(random() * 9)}` : null,
        approval_rate: Math.round(random() * 1000) / 1000,
        satisfaction_rate: Math.round(random() * 1000) / 1000,
        item_elevator: random() < 0.3 ? Math.floor(random() * 20) : null,
        item_pipes: random() < 0.6 ? 1 : null,
        item_roof: random() < 0.5 ? 1 : null,
        item_parking: random() < 0.3 ? Math.floor(random() * 200) : null,
        items_count: Math.floor(random() * 12),
        items_basic: Math.floor(random() * 6),
        items_improvement: Math.floor(random() * 4),
        items_enhancement: Math.floor(random() * 3),
        fund_total: fiscal + nonfiscal,
        fund_fiscal: fiscal,
        fund_nonfiscal: nonfiscal,
        leverage: Math.round((nonfiscal / fiscal) * 1000) / 1000,
        fund_per_household: Math.round((fiscal + nonfiscal) / households),
        lc5_met: random() < 0.5,
        lc10_met: random() < 0.6,
        lc15_met: random() < 0.7,
        coverage_score: Math.round(random() * 100) / 100,
        dist_kindergarten: Math.round(random() * 2000),
        dist_clinic: Math.round(random() * 3000),
        is_synthetic: true,
        source_row: `communities.xlsx!Sheet1:${i + 2}`,
      },
    });
  }
  return points;
}

const LOW_ZOOM = [
  'id',
  'name',
  'city',
  'district',
  'stage',
  'batch_year',
  'households',
  'fund_total',
  'year_built',
];

function main(): void {
  const args = process.argv.slice(2);
  const n = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--workers') ?? 220000);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const lowZoom = args.includes('--low-zoom');
  const workersIndex = args.indexOf('--workers');
  const workers = workersIndex >= 0 ? Number(args[workersIndex + 1]) : undefined;

  let t = performance.now();
  const points = syntheticCommunities(n);
  const propertyCount = Object.keys(points[0]?.properties ?? {}).length;
  console.log(
    `generated ${n} points × ~${propertyCount} properties in ${(performance.now() - t).toFixed(0)} ms`,
  );
  const rssBefore = process.memoryUsage().rss;

  t = performance.now();
  const result = tilePoints(points, {
    layer: 'communities',
    maxZoom: 14,
    ...(lowZoom ? { lowZoomProperties: LOW_ZOOM } : {}),
    ...(workers === undefined ? {} : { workers }),
  });
  const tileMs = performance.now() - t;
  t = performance.now();
  const archive = writePmtiles(
    result.tiles,
    { minZoom: 0, maxZoom: 14, bounds: [73, 18, 135, 54], center: [105, 35, 4] },
    { name: 'bench', vector_layers: [result.vectorLayer] },
  );
  const writeMs = performance.now() - t;
  if (out) writeFileSync(out, archive);

  const mib = (b: number): string => (b / 1048576).toFixed(1);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(`tilePoints   ${tileMs.toFixed(0)} ms`);
  console.log(`writePmtiles ${writeMs.toFixed(0)} ms`);
  console.log(`total        ${(tileMs + writeMs).toFixed(0)} ms`);
  console.log(
    `tiles        ${result.stats.tiles} (${mib(result.stats.bytes)} MiB gzipped), archive ${mib(archive.length)} MiB`,
  );
  console.log(`features/zoom ${JSON.stringify(result.stats.featuresPerZoom)}`);
  let largest: [number, number] = [0, 0];
  for (const [id, bytes] of result.tiles) if (bytes.length > largest[1]) largest = [id, bytes.length];
  console.log(
    `largest tile ${tileIdToZxy(largest[0]).join('/')}: ${(largest[1] / 1024).toFixed(0)} KiB gzipped`,
  );
  console.log(`peak RSS     ${mib(peakRss)} MiB (${mib(rssBefore)} MiB after generating the input)`);
}

main();
