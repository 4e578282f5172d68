/**
 * The lifecycle every MapLibre layer component shares, written once: add the sources and layers
 * when the component mounts, keep their paint, filter, zoom range and visibility in step with
 * reactive inputs, attach map listeners, and remove all of it when the component is destroyed.
 * In the spirit of MIERUNE/svelte-maplibre-gl, layers are declared with the style spec's own
 * types (`LayerSpecification`, `SourceSpecification`) rather than added by hand.
 *
 * Call `useMapLayers` while a component initialises (it creates effects). The layers are added
 * in the first effect, as an `onMount` would, so components keep their tree order: a layer
 * drawn below another (`beforeId`) finds it when that component comes first.
 */
import type { AllPaintProperties } from '@maplibre/maplibre-gl-style-spec';
import type {
  FilterSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  MapEventType,
  MapLayerEventType,
  SourceSpecification,
  StyleImageInterface,
  StyleImageMetadata,
} from 'maplibre-gl';
import { untrack } from 'svelte';
import { removeLayers } from './remove-layers';

/** A layer to add, in drawing order. */
export interface PlacedLayer {
  layer: LayerSpecification;
  /** Drawn below this layer when the map has it; on top otherwise. */
  beforeId?: string;
}

/** An image a symbol layer draws, added when the map does not have it yet. */
export interface MapImage {
  id: string;
  image: ImageData | StyleImageInterface;
  options?: Partial<StyleImageMetadata>;
}

/** Which layers a reactive property applies to: ids, or a getter for ids decided when adding. */
type LayerIds = readonly string[] | (() => readonly string[]);

/**
 * A property kept in step with reactive input: its getter runs in an `$effect`, so it is applied
 * after the layers are added and again whenever what it reads changes.
 */
export type LayerBinding = { layers: LayerIds } & (
  | { visible: () => boolean }
  | { filter: () => FilterSpecification | null }
  | { paint: () => Readonly<Partial<AllPaintProperties>> }
  | { zoomRange: () => readonly [number, number] }
);

/** A map listener: on the whole map, or (with `layer`) on one layer's features. */
export type MapListener =
  | {
      [K in keyof MapEventType]: { type: K; layer?: undefined; listener: (event: MapEventType[K]) => void };
    }[keyof MapEventType]
  | {
      [K in keyof MapLayerEventType]: {
        type: K;
        layer: string;
        listener: (event: MapLayerEventType[K]) => void;
      };
    }[keyof MapLayerEventType];

/** What a layer component puts on the map. */
export interface MapLayerSet {
  /** Sources by id, added before the layers; read once, when they are added. */
  sources?: () => Readonly<Record<string, SourceSpecification>>;
  /** Images the layers draw; kept on the map afterwards, as other layers may share them. */
  images?: () => readonly MapImage[];
  /** The layers in drawing order; read once, when they are added. None: listeners only. */
  layers?: () => readonly PlacedLayer[];
  /** Properties kept in step with reactive input. */
  bind?: readonly LayerBinding[];
  /** Attached once the layers are added, detached before they are removed. */
  listeners?: readonly MapListener[];
}

// MapLibre's `on`/`off` overloads cannot be called with a union of event types; the
// `MapListener` type above is what keeps each listener matched to its event.
type LooseOn = (type: string, ...rest: unknown[]) => unknown;

function listenerArgs(entry: MapListener): unknown[] {
  return entry.layer === undefined ? [entry.listener] : [entry.layer, entry.listener];
}

function idsOf(layers: LayerIds): readonly string[] {
  return typeof layers === 'function' ? layers() : layers;
}

/** Applies one bound property to its layers, reading its reactive input. */
export function applyBinding(map: MapLibreMap, binding: LayerBinding): void {
  const ids = idsOf(binding.layers);
  if ('visible' in binding) {
    const visibility = binding.visible() ? 'visible' : 'none';
    for (const id of ids) map.setLayoutProperty(id, 'visibility', visibility);
  } else if ('filter' in binding) {
    const filter = binding.filter();
    for (const id of ids) map.setFilter(id, filter);
  } else if ('paint' in binding) {
    const paint = binding.paint();
    const names = Object.keys(paint) as (keyof AllPaintProperties)[];
    for (const id of ids) for (const name of names) map.setPaintProperty(id, name, paint[name]);
  } else {
    const [min, max] = binding.zoomRange();
    for (const id of ids) map.setLayerZoomRange(id, min, max);
  }
}

/**
 * Adds the images, sources and layers of `set` and attaches its listeners; the returned function
 * detaches and removes them again. `useMapLayers` ties the two to a component's lifetime.
 */
export function mountLayerSet(map: MapLibreMap, set: MapLayerSet): () => void {
  for (const { id, image, options } of set.images?.() ?? [])
    if (!map.hasImage(id)) map.addImage(id, image, options);
  const sources = Object.entries(set.sources?.() ?? {});
  for (const [id, source] of sources) map.addSource(id, source);
  const layers = set.layers?.() ?? [];
  for (const { layer, beforeId } of layers)
    map.addLayer(layer, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
  const listeners = set.listeners ?? [];
  const on = map.on.bind(map) as LooseOn;
  const off = map.off.bind(map) as LooseOn;
  for (const entry of listeners) on(entry.type, ...listenerArgs(entry));
  return () => {
    for (const entry of listeners) off(entry.type, ...listenerArgs(entry));
    removeLayers(
      map,
      layers.map(({ layer }) => layer.id),
      sources.map(([id]) => id),
    );
  };
}

/**
 * Adds `set` to `map` for the lifetime of the calling component and keeps its bound
 * properties in step. Layer and source ids must be unique on the map.
 */
export function useMapLayers(map: MapLibreMap, set: MapLayerSet): void {
  $effect(() => untrack(() => mountLayerSet(map, set)));
  for (const binding of set.bind ?? []) $effect(() => applyBinding(map, binding));
}
