/** Line breaking of the text an exported picture draws on its canvas. Pure. */

/** A number with its signs and separators, a Latin word, or any other single character. */
const ATOMS = /[¥$€£+\-−]?[0-9A-Za-z][0-9A-Za-z.,:%‰_\-–/]*[0-9A-Za-z%‰]|[\s\S]/gu;

/**
 * Splits `text` into lines no wider than `maxWidth` as `measure` reports widths. Breaks at
 * spaces where there are any, else between characters (Chinese has no spaces), keeping numbers
 * and Latin words whole.
 */
export function wrapLines(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const tokens = paragraph.match(/\S+\s*|\s+/g) ?? [''];
    let line = '';
    const push = () => {
      if (line.trim()) lines.push(line.trimEnd());
      line = '';
    };
    for (const token of tokens) {
      if (measure(line + token.trimEnd()) <= maxWidth) {
        line += token;
        continue;
      }
      push();
      if (measure(token.trimEnd()) <= maxWidth) {
        line = token;
        continue;
      }
      // A token wider than a line (a Chinese sentence): break it between characters, but never
      // inside a number or a Latin word (2020年, 3,105万元, ¥31.1M) unless that alone is too wide.
      for (const atom of token.match(ATOMS) ?? []) {
        const pieces = measure(atom) > maxWidth ? [...atom] : [atom];
        for (const piece of pieces) {
          if (measure(line + piece) > maxWidth && line) push();
          line += piece;
        }
      }
    }
    push();
  }
  return lines;
}
