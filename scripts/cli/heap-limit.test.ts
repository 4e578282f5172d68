import { describe, expect, it } from 'vitest';
import { heapGrowingFlag, heapLimitFlag, inputNeedsLargerHeap, wantedHeapMiB } from './heap-limit';

const GiB = 2 ** 30;

describe('heapLimitFlag', () => {
  const base = {
    execArgv: [],
    nodeOptions: undefined,
    currentLimitBytes: 4.3 * GiB,
    totalMemBytes: 24 * GiB,
  };

  it('asks for three quarters of a large machine', () => {
    expect(wantedHeapMiB(24 * GiB)).toBe(18432);
    expect(heapLimitFlag(base)).toBe('--max-old-space-size=18432');
  });

  it('leaves a limit the user set, on the command line or in NODE_OPTIONS', () => {
    expect(heapLimitFlag({ ...base, execArgv: ['--max-old-space-size=2048'] })).toBeUndefined();
    expect(heapLimitFlag({ ...base, nodeOptions: '--inspect --max_old_space_size=9000' })).toBeUndefined();
  });

  it('never lowers V8 default on a small machine, nor asks again once raised', () => {
    expect(heapLimitFlag({ ...base, totalMemBytes: 4 * GiB })).toBeUndefined();
    expect(heapLimitFlag({ ...base, currentLimitBytes: 18432 * 2 ** 20 + 50 * 2 ** 20 })).toBeUndefined();
  });
});

describe('inputNeedsLargerHeap', () => {
  it('keeps the national ledger in the default heap and sends ten times it to a larger one', () => {
    const limit = 4144 * 2 ** 20;
    expect(inputNeedsLargerHeap(56.6 * 2 ** 20 + 7.7 * 2 ** 20, limit)).toBe(false);
    expect(inputNeedsLargerHeap(498.6 * 2 ** 20 + 38.3 * 2 ** 20, limit)).toBe(true);
  });
});

describe('heapGrowingFlag', () => {
  it('asks for the build its own growth unless the user chose one', () => {
    expect(heapGrowingFlag({ execArgv: [], nodeOptions: '--inspect' })).toBe('--heap-growing-percent=30');
    expect(
      heapGrowingFlag({ execArgv: ['--heap-growing-percent=30'], nodeOptions: undefined }),
    ).toBeUndefined();
    expect(heapGrowingFlag({ execArgv: [], nodeOptions: '--heap_growing_percent=50' })).toBeUndefined();
  });
});
