import { describe, expect, it } from 'vitest';
import { whenIdle, type IdleScope } from './when-idle';

/** A scope whose callbacks run only when the test says so. */
function fakeScope(withIdle: boolean) {
  const idle = new Map<number, { run: () => void; timeout?: number }>();
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const scope: IdleScope = {
    setTimeout: (run, ms) => {
      timers.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  if (withIdle) {
    scope.requestIdleCallback = (run, options) => {
      idle.set(next, { run, timeout: options?.timeout });
      return next++;
    };
    scope.cancelIdleCallback = (id) => void idle.delete(id);
  }
  return { scope, idle, timers };
}

describe('whenIdle', () => {
  it('waits for an idle callback, bounded by the timeout', () => {
    const { scope, idle, timers } = fakeScope(true);
    let runs = 0;
    whenIdle(() => runs++, { scope, timeout: 700 });
    expect(runs).toBe(0);
    expect(timers.size).toBe(0);
    const [request] = [...idle.values()];
    expect(request!.timeout).toBe(700);
    request!.run();
    expect(runs).toBe(1);
  });

  it('falls back to a short timer without idle callbacks', () => {
    const { scope, timers } = fakeScope(false);
    let runs = 0;
    whenIdle(() => runs++, { scope });
    const [timer] = [...timers.values()];
    expect(timer!.ms).toBe(200);
    timer!.run();
    expect(runs).toBe(1);
  });

  it('cancels what it asked for, either way', () => {
    for (const withIdle of [true, false]) {
      const { scope, idle, timers } = fakeScope(withIdle);
      const cancel = whenIdle(() => {}, { scope });
      expect(idle.size + timers.size).toBe(1);
      cancel();
      expect(idle.size + timers.size).toBe(0);
    }
  });
});
