/**
 * Text for the link-preview SVG: escaping (ledger and programme text is text, never markup) and
 * fitting lines to a width. The renderer (resvg) cannot be asked how wide a string is before it
 * draws it, so widths are estimated from character classes of Noto Sans CJK, erring wide: a
 * line that is a little short reads fine, one that runs off the card does not.
 */

/** Escapes text for an SVG text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // Control characters other than tab and newline are not allowed in XML at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

/** Estimated advance of one character, in ems. */
function charEm(ch: string): number {
  const code = ch.codePointAt(0)!;
  // CJK ideographs, kana, hangul, full-width forms and CJK punctuation: a full em.
  if (code >= 0x2e80) return 1;
  // General punctuation: dashes, curly quotes, the ellipsis.
  if (code >= 0x2000 && code <= 0x206f) return 0.8;
  if (ch === ' ') return 0.25;
  if (/[il.,:;'|!]/.test(ch)) return 0.3;
  if (/[mwMW@%]/.test(ch)) return 0.85;
  if (/[A-Z]/.test(ch)) return 0.66;
  return 0.58;
}

/** Estimated width of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize;
}

/** `text` cut to fit `maxWidth`, ending in an ellipsis when cut. */
export function truncateToWidth(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  const ellipsis = textWidth('…', fontSize);
  let width = 0;
  let n = 0;
  while (n < chars.length && width + charEm(chars[n]!) * fontSize + ellipsis <= maxWidth) {
    width += charEm(chars[n]!) * fontSize;
    n++;
  }
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}

/**
 * The largest font size from `max` down to `min` (whole pixels) at which `text` fits
 * `maxWidth`; `min` when none does (the caller then truncates).
 */
export function fitFontSize(text: string, max: number, min: number, maxWidth: number): number {
  for (let size = max; size > min; size--) if (textWidth(text, size) <= maxWidth) return size;
  return min;
}

/**
 * Breaks `text` into at most `maxLines` lines of `maxWidth`, at spaces and after CJK characters
 * or the separators given (`；`, `，`, `、` by default); the last line is truncated when the text
 * runs on. A number is never broken inside.
 */
export function wrapText(
  text: string,
  fontSize: number,
  maxWidth: number,
  maxLines: number,
  breakAfter = '；，、。',
): string[] {
  // Pieces that stay together: a run of Latin letters and digits (with their punctuation), or one character.
  const pieces = text.match(/[A-Za-z0-9.,:%/\-–()'’"“”_]+|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const next = line + piece;
    if (textWidth(next.trimEnd(), fontSize) <= maxWidth || line === '') {
      line = next;
      continue;
    }
    // Prefer to break after the last separator on this line, unless that leaves it too short.
    let cut = -1;
    for (let j = line.length - 1; j > line.length / 3 && cut < 0; j--)
      if (breakAfter.includes(line[j]!)) cut = j + 1;
    const [head, rest] = cut > 0 ? [line.slice(0, cut), line.slice(cut)] : [line, ''];
    lines.push(head.trimEnd());
    if (lines.length === maxLines) {
      const remaining = rest + pieces.slice(i).join('');
      lines[maxLines - 1] = truncateToWidth(`${head.trimEnd()}${remaining}`, fontSize, maxWidth);
      return lines;
    }
    line = (rest + piece).trimStart();
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** Whether `text` fits in `maxLines` lines of `maxWidth` without being cut. */
export function fitsInLines(
  text: string,
  fontSize: number,
  maxWidth: number,
  maxLines: number,
  breakAfter?: string,
): boolean {
  const lines = wrapText(text, fontSize, maxWidth, maxLines + 1, breakAfter);
  return lines.length <= maxLines;
}
