import { describe, expect, it } from 'vitest';
import { LazyComponent } from './lazy-component.svelte';

describe('LazyComponent', () => {
  it('imports once, however often it is asked, and holds the component after', async () => {
    let imports = 0;
    const lazy = new LazyComponent(() => {
      imports++;
      return Promise.resolve({ default: 'Table' });
    });
    expect(lazy.current).toBeNull();
    const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
    expect([a, b, lazy.current, imports]).toEqual(['Table', 'Table', 'Table', 1]);
    await lazy.load();
    expect(imports).toBe(1);
  });

  it('passes a failed import on and tries again next time', async () => {
    let attempt = 0;
    const lazy = new LazyComponent(() =>
      ++attempt === 1
        ? Promise.reject(new Error('chunk unreachable'))
        : Promise.resolve({ default: 'Panel' }),
    );
    await expect(lazy.load()).rejects.toThrow('chunk unreachable');
    expect(lazy.current).toBeNull();
    await expect(lazy.load()).resolves.toBe('Panel');
    expect(attempt).toBe(2);
  });
});
