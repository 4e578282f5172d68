/**
 * The link-preview palette the og tests share, so each test states only the stage colours it
 * checks against rather than repeating the sea, land and border colours.
 */
import type { Stage } from '../../src/domain/vocabulary';
import type { OgColors } from './og-svg';

/** The preview's colours with the given stage colours, the rest fixed at the site's values. */
export function testColors(stages: Record<Stage, string>): OgColors {
  return { sea: '#dde7ec', land: '#f6f3ec', border: '#a89c8f', stages, unknownStage: '#d0c8b8' };
}
