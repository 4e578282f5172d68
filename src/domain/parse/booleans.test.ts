import { describe } from 'vitest';
import { itReads, itRejects } from '../test-cases';
import { parseBoolean } from './booleans';

describe('parseBoolean', () => {
  itReads(parseBoolean, [
    ['是', true],
    ['否', false],
    ['有', true],
    ['无', false],
    ['Y', true],
    ['n', false],
    ['Yes', true],
    ['NO', false],
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['１', true],
    [' 是 ', true],
    ['✓', true],
    ['√', true],
    ['✔', true],
    ['✗', false],
    ['×', false],
    [1, true],
    [0, false],
    [true, true],
    [false, false],
  ]);

  itRejects(parseBoolean, [
    ['可能', 'not a yes/no value'],
    ['x', 'not a yes/no value'],
    [2, 'not a yes/no value'],
    ['', 'empty'],
    [null, 'empty'],
    [new Date(), 'a date'],
  ]);
});
