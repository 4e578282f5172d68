/**
 * The whole demo dataset from its inputs: every seed programme's communities (named and
 * illustrative) and amenities, and the two CSV ledgers the build pipeline reads.
 */
import { parseProgrammes, type Programme } from '../../src/domain/programmes';
import { generateAmenities } from './amenities';
import type { DivisionIndex } from './divisions';
import { DEFAULT_SEED, generateProgramme, programmeRng } from './generate';
import { amenitiesCsv, communitiesCsv, type AmenityRow, type CommunityRow } from './ledger';
import { namedAmenityIssues, namedCommunityIssues, type NamedAmenity, type NamedCommunity } from './named';
import { PROFILES, type ProgrammeProfile } from './profiles';

/** What the generator reads. */
export interface DemoInputs {
  /** Parsed `data/programmes.json` (validated here). */
  programmes: unknown;
  named: readonly NamedCommunity[];
  namedAmenities: readonly NamedAmenity[];
  divisions: DivisionIndex;
  /** Illustrative choices per programme (default: PROFILES). */
  profiles?: readonly ProgrammeProfile[];
  /** Seed of every random draw (default: DEFAULT_SEED). */
  seed?: string;
}

/** The generated rows and their CSV text. */
export interface DemoOutput {
  programmes: Programme[];
  communities: CommunityRow[];
  amenities: AmenityRow[];
  communitiesCsv: string;
  amenitiesCsv: string;
}

/** NBS code prefixes the demo draws places from: the seed programmes' districts. */
export const DIVISION_PREFIXES = ['4301', '430302', '350203', '620402', '610922'];

/** Generates the demo dataset; throws if an input is invalid or a published figure cannot be met. */
export function generateDemo(inputs: DemoInputs): DemoOutput {
  const programmes = parseProgrammes(inputs.programmes);
  const profiles = inputs.profiles ?? PROFILES;
  const seed = inputs.seed ?? DEFAULT_SEED;
  const ids = programmes.map((p) => p.id);
  const issues = [
    ...namedCommunityIssues(inputs.named, ids),
    ...namedAmenityIssues(
      inputs.namedAmenities,
      inputs.named.map((n) => n.id),
      ids,
    ),
  ];
  if (issues.length > 0) throw new Error(`Invalid named data:\n  ${issues.join('\n  ')}`);

  const communities: CommunityRow[] = [];
  const amenities: AmenityRow[] = [];
  for (const programme of programmes) {
    const profile = profiles.find((p) => p.programme === programme.id);
    if (!profile) throw new Error(`No demo profile for programme ${programme.id}`);
    const rng = programmeRng(seed, programme.id);
    const rows = generateProgramme({
      programme,
      profile,
      named: inputs.named.filter((n) => n.programme === programme.id),
      divisions: inputs.divisions,
      rng,
    });
    communities.push(...rows);
    amenities.push(
      ...generateAmenities({
        programme,
        profile,
        rows,
        named: inputs.namedAmenities.filter((a) => a.programme === programme.id),
        rng: programmeRng(seed, `${programme.id}:amenities`),
      }),
    );
  }
  return {
    programmes,
    communities,
    amenities,
    communitiesCsv: communitiesCsv(communities),
    amenitiesCsv: amenitiesCsv(amenities),
  };
}
