import { describe, expect, it } from 'vitest';
import { ALLOCATOR_RERUN_INPUT_BYTES, allocatorEnv, glibcVersion } from './allocator-env';

describe('allocatorEnv', () => {
  const national = { glibcVersion: '2.36', env: {}, inputBytes: 170 * 2 ** 20 };

  it('fixes glibc mmap threshold for a national-size build', () => {
    expect(allocatorEnv(national)).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072' });
  });

  it('leaves small builds in the process they started in', () => {
    expect(allocatorEnv({ ...national, inputBytes: ALLOCATOR_RERUN_INPUT_BYTES - 1 })).toBeUndefined();
    expect(allocatorEnv({ ...national, inputBytes: ALLOCATOR_RERUN_INPUT_BYTES })).toBeDefined();
  });

  it('does nothing on another C library, nor when the variable is set (by the user or a parent build)', () => {
    expect(allocatorEnv({ ...national, glibcVersion: undefined })).toBeUndefined();
    expect(allocatorEnv({ ...national, env: { MALLOC_MMAP_THRESHOLD_: '65536' } })).toBeUndefined();
  });
});

describe('glibcVersion', () => {
  it('reads the running C library', () => {
    // This project's machines and CI are Debian: glibc.
    expect(glibcVersion()).toMatch(/^2\.\d+$/);
  });
});
