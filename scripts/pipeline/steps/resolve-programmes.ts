import type { ManifestInput, ManifestProgramme } from '../../../src/contracts/manifest';
import type { FlatProperties } from '../../../src/contracts/tile-properties';
import { evaluateMetric, figureMatches } from '../../../src/domain/programme-figures';
import type { Programme } from '../../../src/domain/programmes';
import type { CommunityRecord } from '../../../src/domain/schema';
import { readJsonInput } from '../read/json-input';
import { readProgrammes } from '../read/programmes-input';
import { inputEntry } from './input-entry';
import type { PropertiesOf } from './life-circles';

/** The programme records file, checked record by record. */
export interface ProgrammesRead {
  records: Programme[];
  input: ManifestInput;
}

/** Reads and checks the programmes file; run before the heavy work, so a broken one fails before the tiles. */
export async function readProgrammeFile(path: string): Promise<ProgrammesRead> {
  const { bytes, value } = await readJsonInput(path);
  return { records: readProgrammes(path, value), input: inputEntry('programmes', path, bytes) };
}

/**
 * Each programme with its member count and every published figure that names a metric
 * recomputed from its communities, so the site can say which figures the ledger reproduces.
 */
export function resolveProgrammes(
  programmes: readonly Programme[],
  records: readonly CommunityRecord[],
  propertiesOf: PropertiesOf,
): ManifestProgramme[] {
  return programmes.map((p) => {
    const members: FlatProperties[] = [];
    for (let i = 0; i < records.length; i++)
      if (records[i]!.programme === p.id) members.push(propertiesOf(i));
    return {
      ...p,
      communities: members.length,
      figures: p.figures.map((fig) => {
        if (!fig.metric) return fig;
        const computed = evaluateMetric(fig.metric, members);
        return { ...fig, computed, reproduced: figureMatches(fig, computed) };
      }),
    };
  });
}
