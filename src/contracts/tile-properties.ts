/**
 * The properties of a community feature, as the build writes them to communities.geojson and
 * to the vector tiles (src/domain/community-properties.ts `communityProperties`) and the site reads them from
 * either. Every property is named and described in src/domain/output-fields.ts.
 */
import { COMMUNITY_OUTPUT_FIELDS } from '../domain/output-fields';

/** The property types, defined with the function that builds them. */
export type { FlatProperties, FlatValue } from '../domain/community-properties';

/**
 * Properties every community keeps below the maximum zoom: what the filters and styling need
 * (the fields marked `lowZoom`). Higher zooms carry every property.
 */
export const LOW_ZOOM_PROPERTIES: readonly string[] = COMMUNITY_OUTPUT_FIELDS.filter((f) => f.lowZoom).map(
  (f) => f.name,
);
