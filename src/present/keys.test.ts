import { describe, expect, it } from 'vitest';
import { chapterAfter, keyAction } from './keys';

describe('presentation keys', () => {
  it('maps clicker and keyboard keys to actions', () => {
    const table: [string, ReturnType<typeof keyAction>][] = [
      ['ArrowRight', 'next'],
      ['PageDown', 'next'],
      [' ', 'next'],
      ['ArrowLeft', 'prev'],
      ['PageUp', 'prev'],
      ['Home', 'first'],
      ['End', 'last'],
      ['f', 'fullscreen'],
      ['F', 'fullscreen'],
      ['Escape', 'exit'],
      ['Enter', null],
      ['a', null],
      ['ArrowUp', null],
    ];
    for (const [key, action] of table) expect(keyAction({ key }), key).toBe(action);
  });

  it('goes back with Shift+Space and leaves browser shortcuts alone', () => {
    expect(keyAction({ key: ' ', shiftKey: true })).toBe('prev');
    expect(keyAction({ key: 'f', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'ArrowLeft', altKey: true })).toBeNull();
    expect(keyAction({ key: 'End', metaKey: true })).toBeNull();
  });

  it('stays within the chapters', () => {
    expect(chapterAfter('next', 0, 6)).toBe(1);
    expect(chapterAfter('next', 5, 6)).toBe(5);
    expect(chapterAfter('prev', 0, 6)).toBe(0);
    expect(chapterAfter('prev', 3, 6)).toBe(2);
    expect(chapterAfter('first', 4, 6)).toBe(0);
    expect(chapterAfter('last', 1, 6)).toBe(5);
    expect(chapterAfter('next', 0, 1)).toBe(0);
  });
});
