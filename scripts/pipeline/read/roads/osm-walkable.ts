/**
 * Which OpenStreetMap ways a person can walk on, and how each is drawn.
 *
 * The rule, in order (the first that applies decides):
 * 1. no `highway` tag: not a road (buildings, rivers, boundaries are not counted at all);
 * 2. `area=yes`: a square or yard drawn as a polygon, not a line to walk along;
 * 3. `highway=motorway` / `motorway_link`: no pedestrians, whatever else is tagged;
 * 4. `highway` not one of the walkable values below (`construction`, `proposed`, `abandoned`,
 *    `platform`, `raceway`, `bus_guideway`, …): not open to walk on;
 * 5. `foot=no`: closed to pedestrians;
 * 6. `access=private` or `access=no`, unless `foot=yes|designated|permissive`;
 * 7. `motorroad=yes` (机动车专用路, how OSM China tags urban expressways drawn as `trunk`),
 *    unless `foot=yes|designated|permissive`;
 * 8. otherwise walkable.
 *
 * Walkable `highway` values and their class (the street layer styles the classes apart):
 * major: `trunk`, `trunk_link`, `primary`, `primary_link`, `secondary`, `secondary_link`;
 * minor: `tertiary`, `tertiary_link`, `unclassified`, `residential`, `living_street`, `service`,
 * `road`; path: `footway`, `pedestrian`, `path`, `steps`, `track`, `cycleway`, `bridleway`,
 * `corridor`. `trunk` stays: in Chinese cities it is mostly an arterial with footways, and the
 * expressways among them carry `motorroad=yes`.
 */
import type { RoadClass } from '../../../../src/domain/walk-network/types';

/** The walkable `highway` values and the class each is drawn as. */
export const WALKABLE_HIGHWAYS: Readonly<Record<string, RoadClass>> = {
  trunk: 'major',
  trunk_link: 'major',
  primary: 'major',
  primary_link: 'major',
  secondary: 'major',
  secondary_link: 'major',
  tertiary: 'minor',
  tertiary_link: 'minor',
  unclassified: 'minor',
  residential: 'minor',
  living_street: 'minor',
  service: 'minor',
  road: 'minor',
  footway: 'path',
  pedestrian: 'path',
  path: 'path',
  steps: 'path',
  track: 'path',
  cycleway: 'path',
  bridleway: 'path',
  corridor: 'path',
};

const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive']);

/** Whether a way is walked on, with its class, or why not. */
export type Walkability = { walkable: true; roadClass: RoadClass } | { walkable: false; reason: string };

/** Applies the walkability rule (see the module comment) to a way's tags. */
export function osmWalkability(tags: Readonly<Record<string, string | undefined>>): Walkability {
  const tag = (key: string) => (tags[key] ?? '').trim().toLowerCase();
  const highway = tag('highway');
  if (highway === '') return { walkable: false, reason: 'no highway tag: not a road' };
  if (tag('area') === 'yes')
    return { walkable: false, reason: 'area=yes: a polygon, not a line to walk along' };
  if (highway === 'motorway' || highway === 'motorway_link')
    return { walkable: false, reason: `highway=${highway}: no pedestrians` };
  const roadClass = Object.hasOwn(WALKABLE_HIGHWAYS, highway) ? WALKABLE_HIGHWAYS[highway] : undefined;
  if (roadClass === undefined) return { walkable: false, reason: `highway=${highway}: not a way to walk on` };
  const foot = tag('foot');
  if (foot === 'no') return { walkable: false, reason: 'foot=no' };
  const footAllowed = FOOT_ALLOWED.has(foot);
  const access = tag('access');
  if ((access === 'private' || access === 'no') && !footAllowed)
    return { walkable: false, reason: `access=${access} without foot=yes` };
  if (tag('motorroad') === 'yes' && !footAllowed)
    return { walkable: false, reason: 'motorroad=yes: no pedestrians' };
  return { walkable: true, roadClass };
}
