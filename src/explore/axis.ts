/**
 * A Svelte action drawing a d3 axis into an SVG group, redrawn when its options change. The
 * only place the charts hand DOM to d3-selection; everything else is Svelte markup.
 */
import { axisBottom, axisLeft, type AxisDomain, type AxisScale } from 'd3-axis';
import { select } from 'd3-selection';

/** What `axis` draws. */
export interface AxisOptions<D extends AxisDomain> {
  scale: AxisScale<D>;
  orient: 'bottom' | 'left';
  /** Tick values (d3 chooses when absent). */
  values?: D[];
  ticks?: number;
  format: (value: D) => string;
}

/** `use:axis={{ scale, orient, format }}` on a `<g>`. */
export function axis<D extends AxisDomain>(node: SVGGElement, options: AxisOptions<D>) {
  const draw = (o: AxisOptions<D>) => {
    const a = (o.orient === 'bottom' ? axisBottom(o.scale) : axisLeft(o.scale))
      .tickFormat((d) => o.format(d))
      .tickSizeOuter(0);
    if (o.values) a.tickValues(o.values);
    else if (o.ticks !== undefined) a.ticks(o.ticks);
    select(node).call(a);
  };
  draw(options);
  return { update: draw };
}
