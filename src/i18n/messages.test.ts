import { describe, expect, it } from 'vitest';
import { fillPlaceholders, LANGS, loadMessages, messagesOf } from './messages';

describe('interface text', () => {
  it('has the default language in at once and loads the other before it can be read', async () => {
    expect(messagesOf('zh')['site.title']).toBe('小区焕新地图');
    expect(() => messagesOf('en')).toThrow(/the en interface text is not loaded yet/);
    const en = await loadMessages('en');
    expect(messagesOf('en')).toBe(en);
    expect(en['site.title']).toBe('Renovation Atlas');
  });

  it('gives every language the same keys and the same placeholders as the Chinese reference', async () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const zh = messagesOf('zh');
    for (const lang of LANGS) {
      const text = await loadMessages(lang);
      expect(Object.keys(text).sort(), lang).toEqual(Object.keys(zh).sort());
      for (const key of Object.keys(zh) as (keyof typeof zh)[])
        expect(placeholders(text[key]), `${lang} ${key}`).toEqual(placeholders(zh[key]));
    }
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(fillPlaceholders('{count} 个小区', { count: 3 })).toBe('3 个小区');
    expect(fillPlaceholders('{count} of {total}', { count: 3 })).toBe('3 of {total}');
  });
});
