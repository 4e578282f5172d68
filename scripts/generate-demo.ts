/**
 * `npm run gen:demo`: rewrites data/communities.csv and data/amenities.csv from
 * data/programmes.json, data/named-communities.json and data/named-amenities.json.
 *
 *   tsx scripts/generate-demo.ts [--data <dir>] [--seed <text>]
 *
 * --data  folder holding the inputs and receiving the CSVs (default: data)
 * --seed  seed of the illustrative values (default: renovation-atlas-demo-v1); published totals
 *         come out the same whatever the seed
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemo } from './demo/demo';
import { loadDemoInputs } from './demo/load-inputs';

const { values } = parseArgs({
  options: { data: { type: 'string', default: 'data' }, seed: { type: 'string' } },
});
const dataDir = values.data ?? 'data';
const inputs = loadDemoInputs(dataDir);
const out = generateDemo(values.seed ? { ...inputs, seed: values.seed } : inputs);
writeFileSync(join(dataDir, 'communities.csv'), out.communitiesCsv);
writeFileSync(join(dataDir, 'amenities.csv'), out.amenitiesCsv);

for (const p of out.programmes) {
  const rows = out.communities.filter((r) => r.programme === p.id);
  const named = rows.filter((r) => !r.synthetic).length;
  const checked = p.figures.filter((f) => f.metric).length;
  console.log(
    `${p.id}: ${rows.length} communities (${named} named); ${checked} of ${p.figures.length} figures reproduced, the rest context`,
  );
}
console.log(`${out.amenities.length} amenities (${out.amenities.filter((a) => !a.synthetic).length} named)`);
