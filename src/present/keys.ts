/**
 * Keys of presentation mode. Presentation clickers send PageDown / PageUp (some send the
 * arrows or Space), so every one of those moves between chapters.
 */

/** What a key does in presentation mode. */
export type PresentAction = 'next' | 'prev' | 'first' | 'last' | 'fullscreen' | 'exit';

/** The part of a KeyboardEvent the mapping reads. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

/**
 * The action of a key press, or null when presentation mode leaves the key alone (browser
 * shortcuts with Ctrl/Alt/Cmd stay the browser's). Shift+Space goes back, as in slide software.
 */
export function keyAction(event: KeyLike): PresentAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case ' ':
    case 'Spacebar':
      return event.shiftKey ? 'prev' : 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'Escape':
    case 'Esc':
      return 'exit';
    default:
      return null;
  }
}

/** The chapter index (0-based) an action leads to from `index`, clamped to `[0, count - 1]`. */
export function chapterAfter(action: PresentAction, index: number, count: number): number {
  const last = Math.max(0, count - 1);
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (action) {
    case 'next':
      return clamp(index + 1);
    case 'prev':
      return clamp(index - 1);
    case 'first':
      return 0;
    case 'last':
      return last;
    default:
      return clamp(index);
  }
}
