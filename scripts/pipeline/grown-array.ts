/**
 * Room in a growable typed array, for the build's readers and tilers that append to typed
 * columns rather than to arrays of objects.
 */

/** Typed arrays `grown` can enlarge. */
export type GrowableArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * `array` itself when it has room for `need` values; otherwise a copy of it at least twice as
 * long (so appending one value at a time copies each value a bounded number of times).
 */
export function grown<T extends GrowableArray>(array: T, need: number): T {
  if (need <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(need, array.length * 2));
  next.set(array);
  return next;
}
