import type { BuildReport } from '../../../src/contracts/report';
import { sourceFileName, sourceRowNumber } from '../normalise/common';
import type { EdgeIndex } from '../../../src/domain/walk-network/edge-index';
import { ACCESS_LIMIT_M, NO_SNAP, type SnapColumns } from '../../../src/domain/walk-network/types';

/**
 * How far the report looks for the nearest road of a point that did not join the network: only
 * to tell whoever fixes the data how far off it was (a typo in a coordinate, or a road file that
 * stops short), so a bounded look suffices.
 */
export const REPORT_PROBE_M = 1000;

/** One table's points and where report lines about them point. */
export interface JoinedTable {
  table: 'communities' | 'amenities';
  /** The file name, as report.json names it. */
  file: string;
  /** The longitude column's header as written, or ''. */
  column: string;
  points: readonly { lng: number; lat: number; source_row: string }[];
  snaps: SnapColumns;
  /** For each point that did not join, by index: metres to the nearest road (`probeOffNetwork`). */
  nearestRoad: ReadonlyMap<number, number | null>;
  /** Why a point that did not join matters (what it keeps, or what it is not). */
  reason: string;
}

/**
 * Metres to the nearest road within `REPORT_PROBE_M` (null: none) of each point that did not join
 * the network, by index. Measured while the edge index exists, so the build can drop the index
 * right after the join: at national scale it is about 200 MB that no later step needs.
 */
export function probeOffNetwork(
  points: readonly { lng: number; lat: number }[],
  snaps: SnapColumns,
  index: EdgeIndex,
): Map<number, number | null> {
  const nearest = new Map<number, number | null>();
  for (let i = 0; i < points.length; i++) {
    if (snaps.edge[i] !== NO_SNAP) continue;
    const p = points[i]!;
    nearest.set(i, index.snap(p.lng, p.lat, REPORT_PROBE_M)?.access ?? null);
  }
  return nearest;
}

/**
 * A warning for every community and amenity farther than `ACCESS_LIMIT_M` from any road: its
 * row, its coordinate column, how far the nearest road is (or that none is within
 * `REPORT_PROBE_M`) and the table's reason.
 */
export function networkWarnings(tables: readonly JoinedTable[]): BuildReport['warnings'] {
  const warnings: BuildReport['warnings'] = [];
  for (const t of tables) {
    for (const [i, metres] of t.nearestRoad) {
      const p = t.points[i]!;
      warnings.push({
        row: sourceRowNumber(p.source_row),
        column: t.column,
        value:
          metres === null
            ? `no road within ${REPORT_PROBE_M} m`
            : `${Math.round(metres)} m to the nearest road`,
        reason: `farther than ${ACCESS_LIMIT_M} m from any road: ${t.reason}`,
        table: t.table,
        file: sourceFileName(p.source_row) || t.file,
      });
    }
  }
  return warnings;
}
