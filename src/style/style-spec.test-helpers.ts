/**
 * Test helpers: evaluate MapLibre expressions and validate layers with MapLibre's own style
 * specification package (the one maplibre-gl itself is built on), so the style builders are
 * checked by the real expression engine, not by reading their output as arrays.
 */
import {
  createPropertyExpression,
  featureFilter,
  latest,
  validateStyleMin,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

type Properties = Readonly<Record<string, unknown>>;

/** Evaluates a paint property's value for a feature with `properties` at `zoom`. */
export function evaluatePaint(
  layerType: string,
  property: string,
  value: unknown,
  properties: Properties,
  zoom = 10,
): unknown {
  const specs = latest as unknown as Record<string, Record<string, StylePropertySpecification>>;
  const spec = specs[`paint_${layerType}`]?.[property];
  if (!spec) throw new Error(`no paint property ${layerType}.${property}`);
  const parsed = createPropertyExpression(value, `layers[0].paint.${property}`, spec);
  if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '));
  const out = parsed.value.evaluate({ zoom }, { type: 1, properties: { ...properties } } as never);
  return typeof out === 'object' && out !== null && 'toString' in out ? String(out) : out;
}

/** Evaluates a string-valued data expression (a classifier) for `properties` at `zoom`. */
export function evaluateString(expression: unknown, properties: Properties, zoom = 10): string {
  const spec = {
    type: 'string',
    'property-type': 'data-driven',
    expression: { interpolated: false, parameters: ['zoom', 'feature'] },
  };
  const parsed = createPropertyExpression(
    expression,
    'layers[0].paint.classifier',
    spec as unknown as StylePropertySpecification,
  );
  if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '));
  return String(parsed.value.evaluate({ zoom }, { type: 1, properties: { ...properties } } as never));
}

/** Whether a filter matches a point feature with `properties`. */
export function matchesFilter(filter: unknown, properties: Properties, zoom = 10): boolean {
  const f = featureFilter(filter as never, 'layers[0].filter');
  return f.filter({ zoom }, { type: 1, properties: { ...properties } } as never);
}

/** Style-spec validation errors of these layers over stub sources (empty when valid). */
export function validateLayers(
  layers: readonly LayerSpecification[],
  sources: Record<string, SourceSpecification>,
): string[] {
  const style = { version: 8, glyphs: 'x/{fontstack}/{range}', sources, layers };
  return validateStyleMin(style as never).map((e) => e.message);
}
