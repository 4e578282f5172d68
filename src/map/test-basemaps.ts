/** Test fixtures: basemap definitions the map tests draw with. */
import type { BasemapDefinition } from '../contracts/basemaps';

/** A city's own vector basemap (PMTiles beside the site), coloured after the site's theme. */
export const city: BasemapDefinition = {
  id: 'city',
  kind: 'pmtiles',
  crs: 'WGS84',
  label: { zh: '湘潭', en: 'Xiangtan' },
  raster: [],
  vector: { path: 'basemap/city.pmtiles', flavor: 'auto' },
  attribution: '© OpenStreetMap contributors',
};
