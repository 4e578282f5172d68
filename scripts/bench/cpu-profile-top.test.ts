import { describe, expect, it } from 'vitest';
import { topSelfTime, type CpuProfile } from './cpu-profile-top';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

describe('topSelfTime', () => {
  it('adds each sample the time until the next one, by function, most first', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('facetCounts', 'http://x/assets/index.js', 9) },
        { id: 3, callFrame: frame('', 'http://x/assets/index.js', 41) },
        // A second node of the same function (another call path) adds to the same entry.
        { id: 4, callFrame: frame('facetCounts', 'http://x/assets/index.js', 9) },
      ],
      samples: [2, 3, 4, 2, 1],
      timeDeltas: [0, 1000, 500, 2000, 250],
    };
    // The last sample (root) has no next one: it counts nothing and is not listed.
    expect(topSelfTime(profile)).toEqual([
      { name: 'facetCounts (index.js:10)', ms: 3.25 },
      { name: '(anonymous) (index.js:42)', ms: 0.5 },
    ]);
  });

  it('keeps the first `limit` only', () => {
    const profile: CpuProfile = {
      nodes: [1, 2, 3].map((id) => ({ id, callFrame: frame(`f${id}`) })),
      samples: [1, 2, 3, 1],
      timeDeltas: [0, 3000, 2000, 1000],
    };
    expect(topSelfTime(profile, 2)).toEqual([
      { name: 'f1', ms: 3 },
      { name: 'f2', ms: 2 },
    ]);
  });
});
