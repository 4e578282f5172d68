import { describe, expect, it } from 'vitest';
import { STAGE_LABELS } from '../domain/vocabulary';
import { STAGE_SCALE, UNKNOWN_STAGE_COLOR } from '../style/scales';
import { stageLegend } from './legend-items';

const words = { unknown: '状态未知', illustrative: '示意数据' };

describe('presentation legend', () => {
  it('lists only the stages the chapter has, in the scale’s order and colours', () => {
    const items = stageLegend({ accepted: 3, completed: 10 }, false, 'zh', words);
    const order = STAGE_SCALE.map((e) => e.stage).filter((s) => s === 'completed' || s === 'accepted');
    expect(items.map((i) => i.key)).toEqual(order);
    for (const item of items) {
      const entry = STAGE_SCALE.find((e) => e.stage === item.key)!;
      expect(item.color).toBe(entry.color);
      expect(item.label).toBe(STAGE_LABELS[entry.stage].zh);
    }
  });

  it('adds the unknown stage and the illustrative ring when present', () => {
    const items = stageLegend({ '': 2, planned: 1 }, true, 'en', words);
    expect(items.map((i) => i.key)).toEqual(['planned', 'unknown', 'illustrative']);
    expect(items[1]!.color).toBe(UNKNOWN_STAGE_COLOR);
    expect(items[2]!.hollow).toBe(true);
    expect(items[0]!.label).toBe(STAGE_LABELS.planned.en);
  });

  it('lists every stage without counts', () => {
    expect(stageLegend(null, false, 'zh', words)).toHaveLength(STAGE_SCALE.length + 1);
  });
});
