/**
 * Fetches walk-network.bin (src/contracts/walk-network-file.ts) once per page: the catchment of
 * every community selected afterwards is walked on the same decoded graph. Checked against the
 * manifest like every file fetched whole (src/lib/data-integrity.ts), so a network of another
 * build is refused rather than walked with the wrong communities' access points.
 */
import { decodeWalkNetwork } from '../../contracts/walk-network-file';
import { fetchChecked } from '../../lib/data-integrity';
import type { WalkNetwork } from './catchments';

/** Name of the performance mark set when the network is decoded (the browser tests wait on it). */
export const NETWORK_LOADED_MARK = 'atlas:walk-network-loaded';

const loads = new Map<string, Promise<WalkNetwork>>();

/**
 * The decoded network at `url` (absolute), fetched on the first call; later calls share it. A
 * failed load is forgotten, so the next selection tries again (a dropped connection heals; a
 * file that does not match its manifest fails again, and says so again).
 */
export function loadWalkNetwork(url: string): Promise<WalkNetwork> {
  let load = loads.get(url);
  if (!load) {
    load = fetchNetwork(url);
    loads.set(url, load);
    load.catch(() => loads.delete(url));
  }
  return load;
}

async function fetchNetwork(url: string): Promise<WalkNetwork> {
  const response = await fetchChecked(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const network = decodeWalkNetwork(await response.arrayBuffer());
  performance.mark(NETWORK_LOADED_MARK, { detail: { url, edges: network.graph.edgeCount } });
  return network;
}
