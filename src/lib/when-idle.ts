/**
 * Runs work once the page is idle: for what the first screen shows but nobody uses in its first
 * moments, so that its code need not be in the first load (src/first-idle.ts).
 */

/** The timers `whenIdle` uses (the window's, or a test's). */
export interface IdleScope {
  requestIdleCallback?: (callback: () => void, options?: { timeout?: number }) => number;
  cancelIdleCallback?: (id: number) => void;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (id: never) => void;
}

/** Options of `whenIdle`. */
export interface WhenIdleOptions {
  /**
   * Longest wait in ms: a page kept busy (the map's first tiles, the data's first part) runs the
   * work then anyway. Default 1000.
   */
  timeout?: number;
  /**
   * Wait in ms where the browser has no idle callbacks (Safari, among others).
   * Default 200: after the first render, the work comes at once rather than never.
   */
  fallbackDelay?: number;
  /** Default: the page's own timers (globalThis). */
  scope?: IdleScope;
}

/** Calls `run` once the page is idle (or `timeout` has passed); returns a cancel function. */
export function whenIdle(run: () => void, options: WhenIdleOptions = {}): () => void {
  const scope = options.scope ?? (globalThis as unknown as IdleScope);
  const { requestIdleCallback: request, cancelIdleCallback: cancel } = scope;
  if (typeof request === 'function' && typeof cancel === 'function') {
    const id = request.call(scope, () => run(), { timeout: options.timeout ?? 1000 });
    return () => cancel.call(scope, id);
  }
  const id = scope.setTimeout.call(scope, run, options.fallbackDelay ?? 200);
  return () => scope.clearTimeout.call(scope, id as never);
}
