import { describe, expect, it } from 'vitest';
import { canShow, fillPlaceholders, LANGS, loadMessages, message, type MessageKey } from './messages';
import { EN_MESSAGES } from './messages-en';
import { ZH_VIEWS } from './messages-zh-views';

describe('interface text', () => {
  it("has the Chinese first screen at once, its other views' text and English once loaded", async () => {
    const viewKey = Object.keys(ZH_VIEWS)[0] as MessageKey;
    expect(message('zh', 'site.title')).toBe('小区焕新地图');
    expect(message('zh', viewKey)).toBe('');
    expect(canShow('zh')).toBe(true);
    expect(canShow('en')).toBe(false);
    expect(() => message('en', 'site.title')).toThrow(/the en interface text is not loaded yet/);
    await Promise.all([loadMessages('zh'), loadMessages('en')]);
    expect(message('zh', viewKey)).toBe(ZH_VIEWS[viewKey as keyof typeof ZH_VIEWS]);
    expect(message('en', 'site.title')).toBe('Renovation Atlas');
    expect(canShow('en')).toBe(true);
  });

  it('gives every language every key, with the same placeholders as the Chinese reference', async () => {
    await Promise.all(LANGS.map((lang) => loadMessages(lang)));
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const keys = Object.keys(EN_MESSAGES) as MessageKey[];
    for (const lang of LANGS)
      for (const key of keys) {
        expect(message(lang, key), `${lang} ${key}`).not.toBe('');
        expect(placeholders(message(lang, key)), `${lang} ${key}`).toEqual(placeholders(message('zh', key)));
      }
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(fillPlaceholders('{count} 个小区', { count: 3 })).toBe('3 个小区');
    expect(fillPlaceholders('{count} of {total}', { count: 3 })).toBe('3 of {total}');
  });
});
