/**
 * The walking catchments' outline settings, apart from catchments.ts: the services legend reads
 * them on the first screen, and importing catchments.ts there would put the catchment walker
 * (d3-contour, shortest paths) into the page's first chunk instead of the services layer's.
 */
import type { CatchmentOptions } from '../../domain/walk-network/catchment';

/**
 * Band and grid of the catchment outline: a 40 m band, about a street's frontage (the buildings
 * and gates reached from it), which keeps the bands of two banks 80 m or more apart from
 * touching; 10 m cells trace it to about a metre and keep a 1000 m catchment within tens of
 * milliseconds.
 */
export const CATCHMENT_OPTIONS: Readonly<Required<CatchmentOptions>> = { bufferMetres: 40, cellMetres: 10 };
