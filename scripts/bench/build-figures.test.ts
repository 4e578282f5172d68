import { describe, expect, it } from 'vitest';
import {
  kbToMB,
  peakRssKb,
  stepPeaks,
  stepTable,
  summarySeconds,
  scaleTargetLines,
  targetLines,
  type BuildRun,
} from './build-figures';

const without: BuildRun = {
  label: 'without roads',
  wallS: 80.04,
  peakKb: 2_000_000,
  timings: { read_communities: 2800, life_circles: 7800, tiles: 34900, total: 78000 },
};
const withRoads: BuildRun = {
  label: 'with roads',
  wallS: 101.5,
  peakKb: 2_400_000,
  timings: {
    roads: 9100,
    read_communities: 2900,
    life_circles: 12300,
    tiles: 35000,
    streets: 6000,
    total: 98000,
  },
};

describe('peakRssKb', () => {
  it('reads GNU time -v', () => {
    expect(peakRssKb('\tUser time (seconds): 3.1\n\tMaximum resident set size (kbytes): 123456\n')).toBe(
      123456,
    );
    expect(peakRssKb('no such line')).toBeNaN();
  });
});

describe('summarySeconds', () => {
  it("reads the build's own time from the CLI's closing line", () => {
    expect(summarySeconds('communities  a.csv: 5 rows read\n\nWrote 14 files to tmp/out/ in 98.4 s\n')).toBe(
      98.4,
    );
    expect(summarySeconds('nothing')).toBeNaN();
  });
});

describe('stepPeaks', () => {
  it('gives each step the highest sample taken while it ran', () => {
    // Started at 1.0 s (exit 10.0 s minus 9 s of build): a 1–3 s, b 3–8 s, then verification.
    const timings = { a: 2000, b: 5000, total: 7500 };
    const samples = [0.5, 1.5, 2.9, 3.1, 7.9, 8.5, 9.9].map((t, i) => ({
      t,
      kb: [100, 300, 200, 250, 900, 400, 350][i]!,
    }));
    expect(stepPeaks(samples, timings, 10, 9)).toEqual({ startup: 100, a: 300, b: 900, verify_output: 400 });
    expect(stepPeaks([], timings, 10, 9)).toEqual({});
  });
});

describe('stepTable', () => {
  it("lines the steps of both builds up in the last build's order, total last", () => {
    const lines = stepTable([{ ...without, timings: { ...without.timings, story: 10 } }, withRoads]);
    const names = lines.map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual([
      'step',
      'roads',
      'read_communities',
      'life_circles',
      'tiles',
      'streets',
      'story',
      'total',
      'wall',
      'peak',
    ]);
    expect(
      lines
        .find((l) => l.startsWith('story'))!
        .trim()
        .split(/\s{2,}/),
    ).toEqual(['story', '0.0', '—']);
    expect(lines.find((l) => l.startsWith('read_communities'))).toMatch(/\s2\.8\s+2\.9\s+\+0\.1$/);
    const cells = (name: string) =>
      lines
        .find((l) => l.startsWith(name))!
        .trim()
        .split(/\s{2,}/);
    expect(cells('life_circles').slice(0, 4)).toEqual(['life_circles', '7.8', '12.3', '+4.5']);
    expect(cells('roads').slice(0, 4)).toEqual(['roads', '—', '9.1', 'new']);
    expect(cells('wall (process)')).toEqual(['wall (process)', '80.0', '101.5', '+21.5']);
    // 400,000 KiB more is 409.6 MB.
    expect(cells('peak RSS (MB)')).toEqual(['peak RSS (MB)', '2048', '2458', '+410']);
  });

  it('adds the per-step memory of each run where it was sampled', () => {
    const lines = stepTable([
      { ...without, stepPeakKb: { startup: 90_000, tiles: 1_900_000 } },
      { ...withRoads, stepPeakKb: { roads: 700_000, tiles: 2_300_000, verify_output: 800_000 } },
    ]);
    const cells = (name: string) =>
      lines
        .find((l) => l.startsWith(name))!
        .trim()
        .split(/\s{2,}/);
    expect(cells('step (s)').slice(4)).toEqual(['RSS MB without', 'RSS MB with']);
    expect(cells('tiles').slice(1)).toEqual(['34.9', '35.0', '+0.1', '1946', '2355']);
    expect(cells('startup')).toEqual(['startup', '—', '—', '92', '—']);
    expect(lines.map((l) => l.split(/\s+/)[0]).slice(-4)).toEqual(['verify_output', 'total', 'wall', 'peak']);
  });

  it('leaves the change column out for one build', () => {
    const lines = stepTable([withRoads]);
    expect(lines[0]!.trim().split(/\s{2,}/)).toEqual(['step (s)', 'with roads']);
    expect(
      lines
        .find((l) => l.startsWith('roads'))!
        .trim()
        .split(/\s{2,}/)[1],
    ).toBe('9.1');
  });
});

describe('targetLines', () => {
  it('says met or by how much a target was missed', () => {
    expect(targetLines(withRoads, without, { networkStepS: 30, rssRiseMB: 500 })).toEqual([
      'network step (life_circles with roads): 12.3 s, target ≤ 30 s: met',
      'peak RSS raised by the roads: 410 MB, target ≤ 500 MB: met',
    ]);
    expect(targetLines(withRoads, without, { networkStepS: 3, rssRiseMB: 300 })).toEqual([
      'network step (life_circles with roads): 12.3 s, target ≤ 3 s: MISSED by 9.3 s',
      'peak RSS raised by the roads: 410 MB, target ≤ 300 MB: MISSED by 110 MB',
    ]);
    expect(targetLines(withRoads, undefined, { networkStepS: 30, rssRiseMB: 500 })).toHaveLength(1);
    expect(kbToMB(1000)).toBeCloseTo(1.024, 12);
  });
});

describe('scaleTargetLines', () => {
  const targets = {
    peakRssMB: 1000,
    time: {
      fraction: 0.75,
      reference: { tool: 'tippecanoe', seconds: 69, outputMiB: 141, measured: 'earlier on this machine' },
    },
  };

  it('says a target missed and by how much, and that the reference was not measured in this run', () => {
    const [memory, time] = scaleTargetLines(without, targets);
    expect(memory).toBe('peak RSS (without roads): 2048 MB, target ≤ 1000 MB: MISSED by 1048 MB');
    expect(time).toMatch(
      /^wall time \(without roads\): 80\.0 s, target ≤ 52 s \(0\.75 × tippecanoe's 69 s, 141 MiB/,
    );
    expect(time).toMatch(/RECORDED earlier on this machine, not measured in this run\): MISSED by 28\.3 s$/);
  });

  it('says met when the run is within both', () => {
    const lines = scaleTargetLines({ ...without, wallS: 48, peakKb: 900_000 }, targets);
    expect(lines.map((l) => l.endsWith(': met'))).toEqual([true, true]);
  });

  it('gives no time line without a time target', () => {
    expect(scaleTargetLines(withRoads, { peakRssMB: 1000 })).toEqual([
      'peak RSS (with roads): 2458 MB, target ≤ 1000 MB: MISSED by 1458 MB',
    ]);
  });
});
