/**
 * `use:fitHeadline={text}` on the box of a headline figure: measures the figure at full size
 * and sets `--fit` (a factor the box's CSS multiplies its font size by) and `data-qualifier-above`
 * (the CSS puts the qualifier on its own line) as fit-figure.ts decides. Inside the box, the
 * element marked `data-fit="figure"` holds the number and its unit (set `white-space: nowrap`)
 * and the one marked `data-fit="qualifier"`, if any, the qualifier; a box without a marked
 * figure is itself the figure and fits its parent's width. Measures again when the box changes
 * width, when the fonts have loaded and when `text` changes (a language switch).
 */
import { fitFigure } from './fit-figure';

/** Content width of an element (its width without padding). */
function contentWidth(el: Element): number {
  const style = getComputedStyle(el);
  return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
}

/** Outer width of an element, margins included. */
function outerWidth(el: Element): number {
  const style = getComputedStyle(el);
  return el.getBoundingClientRect().width + parseFloat(style.marginLeft) + parseFloat(style.marginRight);
}

/** Fits the figure in `node`; `text` is only a trigger for measuring again. */
export function fitHeadline(node: HTMLElement, text?: string) {
  void text;
  let lastWidth = -1;
  let frame = 0;

  const measure = () => {
    const figure = node.querySelector<HTMLElement>('[data-fit="figure"]') ?? node;
    const qualifier = node.querySelector<HTMLElement>('[data-fit="qualifier"]');
    const box = figure === node ? node.parentElement : node;
    if (!box) return;
    // Measure at full size, side by side: the result must not depend on the last fit.
    node.style.setProperty('--fit', '1');
    node.removeAttribute('data-qualifier-above');
    const available = contentWidth(box);
    if (!(available > 0)) return;
    lastWidth = available;
    const fit = fitFigure({
      available,
      figure: figure.getBoundingClientRect().width,
      qualifier: qualifier ? outerWidth(qualifier) : 0,
    });
    node.style.setProperty('--fit', String(fit.scale));
    if (fit.qualifierAbove) node.setAttribute('data-qualifier-above', '');
  };

  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(measure);
  };

  measure();
  // A new size of type changes the box's height, not its width: only a new width measures again.
  const observer = new ResizeObserver(() => {
    const box = node.querySelector('[data-fit="figure"]') ? node : node.parentElement;
    if (box && contentWidth(box) !== lastWidth) schedule();
  });
  observer.observe(node);
  if (node.parentElement) observer.observe(node.parentElement);
  void document.fonts?.ready.then(schedule);

  return {
    update() {
      measure();
    },
    destroy() {
      cancelAnimationFrame(frame);
      observer.disconnect();
    },
  };
}
