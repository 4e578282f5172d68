import { describe, expect, it } from 'vitest';
import { matchItemHeader } from '../../src/domain/parse/items';
import { ITEMS } from '../../src/domain/vocabulary';
import { headerStem, ITEM_WORDS, ledgerItemWord, matchItemKey, QUANTITY_COLUMNS } from './items';

describe('matchItemKey', () => {
  it('prefers the longest keyword', () => {
    expect(matchItemKey('智能充电桩')).toBe('ev_charging');
    expect(matchItemKey('外墙保温')).toBe('energy_saving');
    expect(matchItemKey('外墙')).toBe('facade');
    expect(matchItemKey('智慧停车系统')).toBe('smart_community');
    expect(matchItemKey('体育锻炼设施')).toBeUndefined();
  });
});

describe('ledger words', () => {
  it('has a default word for every vocabulary item that maps back to it and holds no list separator', () => {
    for (const item of ITEMS) {
      const word = ITEM_WORDS[item.key];
      expect(word, item.key).toBeDefined();
      expect(matchItemKey(word ?? ''), `${item.key}: ${word}`).toBe(item.key);
      expect(word).not.toMatch(/[、,;/\n]/);
    }
  });

  it('keeps an article word only when the vocabulary maps it to the same item', () => {
    expect(ledgerItemWord('parking', '前坪停车场')).toBe('前坪停车场');
    expect(ledgerItemWord('fitness_culture', '体育锻炼设施')).toBe('健身文化设施');
    expect(ledgerItemWord('security', '停车场')).toBe('安防监控');
  });

  it('names quantity columns whose stems map to their items', () => {
    for (const column of QUANTITY_COLUMNS) {
      expect(matchItemKey(headerStem(column.header)), column.header).toBe(column.key);
      // The pipeline's own header rule: keyword plus generic words only, unit kept.
      expect(matchItemHeader(column.header)?.key, column.header).toBe(column.key);
    }
    expect(new Set(QUANTITY_COLUMNS.map((c) => c.key)).size).toBe(QUANTITY_COLUMNS.length);
  });
});
