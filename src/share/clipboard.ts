/**
 * Copying text, with the Clipboard API where the page may use it. It is missing on plain-HTTP
 * origins other than localhost and may be refused (permissions, an iframe without
 * `clipboard-write`); callers then fall back to showing the text selected in an input, so the
 * reader copies it with the keyboard. Pure apart from the clipboard handed in.
 */

/** The part of `navigator.clipboard` this needs. */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

/** The page's clipboard, or null where the API is unavailable. */
export function pageClipboard(): ClipboardLike | null {
  if (typeof navigator === 'undefined' || typeof window === 'undefined') return null;
  // Only secure contexts (https, localhost) expose it; elsewhere `navigator.clipboard` is undefined.
  return window.isSecureContext && navigator.clipboard ? navigator.clipboard : null;
}

/** Writes `text` to the clipboard; resolves false (never rejects) when it could not. */
export async function copyText(
  text: string,
  clipboard: ClipboardLike | null = pageClipboard(),
): Promise<boolean> {
  if (!clipboard) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
