/**
 * The HTML a host page pastes to embed the map (the embed dialog's code box). Apart from
 * embed-url.ts, whose embed-mode test every page load runs: only the dialog needs this.
 */

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Options of `iframeCode`. */
export interface IframeOptions {
  /** Accessible name of the frame (screen readers announce it). */
  title: string;
  /** Height in CSS pixels; the width follows the host page's column. Default 480. */
  height?: number;
}

/**
 * The HTML a host page pastes to embed the view: full width of its column, a fixed height, no
 * border, lazily loaded. The frame asks for no permissions beyond copying to the clipboard.
 */
export function iframeCode(src: string, options: IframeOptions): string {
  const height = Math.max(160, Math.round(options.height ?? 480));
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(options.title)}" ` +
    `width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy" ` +
    `allow="clipboard-write" referrerpolicy="no-referrer-when-downgrade"></iframe>`
  );
}
