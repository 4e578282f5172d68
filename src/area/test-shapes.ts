/** Test helper for the area tests: drawn shapes written compactly. */
import type { AreaShape, LngLat } from './area-stats';

/** A polygon of the vertices, in drawing order. */
export const polygon = (...vertices: LngLat[]): AreaShape => ({ kind: 'polygon', vertices });
