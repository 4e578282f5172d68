/**
 * Measures reading a national-scale `.xlsx` ledger with the build's reader (`readXlsx`): time,
 * peak resident memory, and the live heap once the grid is read. Prints figures; asserts nothing.
 *
 *   npm run bench:xlsx -- --make tmp/national.xlsx --from tmp/national-…/communities.csv
 *   npm run bench:xlsx -- tmp/national.xlsx
 *
 * `--make` writes the workbook a bureau would send: the CSV ledger (from `npm run gen:national`)
 * as one sheet under a merged title row and a date row, numbers as numbers, text as shared
 * strings, written by exceljs's streaming writer so making it holds little. Run the reading with
 * `node --expose-gc` (tsx passes it on) to get the live heap after collection.
 */
import { readFileSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parseCsv } from './pipeline/read/csv';
import { readXlsx } from './pipeline/read/xlsx';

const MiB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

/** A CSV cell as a workbook holds it: numbers that round-trip as numbers, the rest as text. */
function workbookCell(text: string): string | number | null {
  if (text === '') return null;
  const n = Number(text);
  return /^-?\d+(\.\d+)?$/.test(text) && String(n) === text ? n : text;
}

async function makeWorkbook(out: string, from: string): Promise<void> {
  const started = performance.now();
  const grid = parseCsv(new TextDecoder().decode(readFileSync(from)));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true });
  const sheet = writer.addWorksheet('台账');
  const width = grid[0]?.length ?? 1;
  // Merged before the row is committed: the streaming writer cannot reach back.
  sheet.addRow(['全国老旧小区改造项目台账（测试数据）']);
  sheet.mergeCells(1, 1, 1, width);
  sheet.getRow(1).commit();
  sheet.addRow(['填报日期：2024年12月']).commit();
  for (const record of grid) sheet.addRow(record.map(workbookCell)).commit();
  sheet.commit();
  await writer.commit();
  console.log(
    `wrote ${out}: ${grid.length - 1} rows × ${width} columns, ${mb(statSync(out).size)}, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function measureRead(path: string): Promise<void> {
  const bytes = readFileSync(path);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const { grid, merges } = await readXlsx(bytes, { file: path });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // The sampler cannot run while the synchronous read holds the thread: the kernel's high-water
  // mark is the true peak.
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap = process.memoryUsage();
  const cells = grid.reduce((n, row) => n + row.length, 0);
  console.log(
    `read ${path} (${mb(bytes.byteLength)}): ${grid.length} rows, ${cells} cells, ${merges.length} merges in ` +
      `${seconds.toFixed(1)} s; peak RSS ${mb(peak)}; ` +
      (gc
        ? `live heap after gc ${mb(heap.heapUsed)} (external ${mb(heap.external)})`
        : 'run with --expose-gc for the live heap'),
  );
}

const argv = process.argv.slice(2);
const make = argv.indexOf('--make');
if (make !== -1) {
  const from = argv[argv.indexOf('--from') + 1];
  if (argv.indexOf('--from') === -1 || !from) throw new Error('--make OUT needs --from LEDGER.csv');
  await makeWorkbook(argv[make + 1]!, from);
} else if (argv[0]) {
  await measureRead(argv[0]);
} else {
  console.error('usage: bench-xlsx.ts --make OUT.xlsx --from LEDGER.csv | bench-xlsx.ts WORKBOOK.xlsx');
  process.exit(2);
}
