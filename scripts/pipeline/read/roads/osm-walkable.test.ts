import { describe, expect, it } from 'vitest';
import { osmWalkability } from './osm-walkable';

describe('osmWalkability', () => {
  it.each([
    // Classes
    [{ highway: 'primary' }, 'major'],
    [{ highway: 'trunk_link' }, 'major'],
    [{ highway: 'secondary' }, 'major'],
    [{ highway: 'tertiary' }, 'minor'],
    [{ highway: 'residential' }, 'minor'],
    [{ highway: 'living_street' }, 'minor'],
    [{ highway: 'service' }, 'minor'],
    [{ highway: 'unclassified' }, 'minor'],
    [{ highway: 'road' }, 'minor'],
    [{ highway: 'footway' }, 'path'],
    [{ highway: 'pedestrian' }, 'path'],
    [{ highway: 'steps' }, 'path'],
    [{ highway: 'track' }, 'path'],
    [{ highway: 'cycleway' }, 'path'],
    [{ highway: 'corridor' }, 'path'],
    [{ highway: 'bridleway' }, 'path'],
    [{ highway: 'path' }, 'path'],
    // Access that still lets people walk
    [{ highway: 'service', access: 'private', foot: 'yes' }, 'minor'],
    [{ highway: 'residential', access: 'no', foot: 'designated' }, 'minor'],
    [{ highway: 'footway', access: 'private', foot: 'permissive' }, 'path'],
    [{ highway: 'residential', access: 'destination' }, 'minor'],
    [{ highway: 'trunk', motorroad: 'yes', foot: 'yes' }, 'major'],
    [{ highway: 'pedestrian', area: 'no' }, 'path'],
    [{ highway: 'Residential ' }, 'minor'],
  ])('walks %o as %s', (tags, roadClass) => {
    expect(osmWalkability(tags)).toEqual({ walkable: true, roadClass });
  });

  it.each([
    [{}, /no highway tag/],
    [{ highway: '' }, /no highway tag/],
    [{ highway: 'motorway' }, /highway=motorway: no pedestrians/],
    [{ highway: 'motorway_link', foot: 'yes' }, /highway=motorway_link/],
    [{ highway: 'construction' }, /highway=construction: not a way to walk on/],
    [{ highway: 'proposed' }, /highway=proposed/],
    [{ highway: 'bus_guideway' }, /highway=bus_guideway/],
    [{ highway: 'pedestrian', area: 'yes' }, /area=yes/],
    [{ highway: 'primary', foot: 'no' }, /foot=no/],
    [{ highway: 'service', access: 'private' }, /access=private without foot=yes/],
    [{ highway: 'track', access: 'no' }, /access=no without foot=yes/],
    [{ highway: 'service', access: 'private', foot: 'no' }, /foot=no/],
    [{ highway: 'trunk', motorroad: 'yes' }, /motorroad=yes/],
  ])('drops %o', (tags, reason) => {
    const result = osmWalkability(tags);
    expect(result.walkable).toBe(false);
    expect(!result.walkable && result.reason).toMatch(reason);
  });
});
