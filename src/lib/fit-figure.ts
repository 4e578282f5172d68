/**
 * How a headline figure fits its box without ever breaking inside the number: the number and its
 * unit are one unbreakable unit; when the figure with its qualifier ("about ¥31.1M") is too wide,
 * the type shrinks a little, and when it would have to shrink more than `minScale` the qualifier
 * moves onto its own line above and only the number has to fit. Pure: the widths are measured
 * by the caller (the DOM action in fit-figure-action.ts, or a canvas's measureText).
 */

/** Widths of one figure at its full type size, in any one unit (CSS px, canvas px). */
export interface FigureWidths {
  /** Room for the figure: the content width of its box. */
  available: number;
  /** Number and unit, set on one line (what must never break). */
  figure: number;
  /** The qualifier and the space after it ("about "), 0 when there is none. */
  qualifier: number;
}

/** Options of {@link fitFigure}. */
export interface FitOptions {
  /**
   * The smallest scale the whole line (qualifier and figure) may shrink to before the qualifier
   * moves above. Default 0.9: headline type stays about the size it was designed at.
   */
  minScale?: number;
  /** Room kept free at the right, in the widths' unit, against rounding of measured widths. Default 1. */
  slack?: number;
}

/** How to set a figure: a factor for its type size, and whether the qualifier goes above. */
export interface FigureFit {
  /** Factor (0 < scale ≤ 1) for the font size of the figure (and of its qualifier). */
  scale: number;
  /** True when the qualifier is set on its own line above the number. */
  qualifierAbove: boolean;
}

/** Rounds down to a thousandth, so the scaled width never exceeds what was computed. */
const floor3 = (x: number) => Math.floor(x * 1000) / 1000;

/**
 * The scale and arrangement that keep the figure on one line inside `available`. The number is
 * never broken: if even the number alone is wider than the box, it is shrunk until it fits
 * (there is no smallest size for that case, since a broken number misreads worse than a small one).
 */
export function fitFigure(widths: FigureWidths, options: FitOptions = {}): FigureFit {
  const { minScale = 0.9, slack = 1 } = options;
  const room = Math.max(0, widths.available - slack);
  const whole = widths.figure + widths.qualifier;
  if (!(whole > 0) || whole <= room) return { scale: 1, qualifierAbove: false };
  const together = room / whole;
  if (together >= minScale || widths.qualifier <= 0) {
    return { scale: Math.max(floor3(together), 0.001), qualifierAbove: false };
  }
  const alone = widths.figure > 0 ? room / widths.figure : 1;
  return { scale: Math.max(Math.min(1, floor3(alone)), 0.001), qualifierAbove: true };
}
