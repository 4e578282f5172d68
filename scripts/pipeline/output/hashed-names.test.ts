import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashedPath, NAME_HASH_DIGITS } from './hashed-names';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('hashedPath', () => {
  it('puts the first digits of the hash before the extension, keeping the folder', () => {
    const digest = sha('cells');
    expect(hashedPath('aggregates/h3-r7.json', digest)).toBe(
      `aggregates/h3-r7.${digest.slice(0, NAME_HASH_DIGITS)}.json`,
    );
    expect(hashedPath('communities.pmtiles', digest)).toMatch(/^communities\.[0-9a-f]{10}\.pmtiles$/);
  });

  it('names two contents differently and one content the same', () => {
    expect(hashedPath('story.json', sha('a'))).not.toBe(hashedPath('story.json', sha('b')));
    expect(hashedPath('story.json', sha('a'))).toBe(hashedPath('story.json', sha('a')));
  });

  it('keeps only the last extension and appends to a name without one', () => {
    const digest = sha('x');
    const h = digest.slice(0, NAME_HASH_DIGITS);
    expect(hashedPath('gcj02/communities.geo.json', digest)).toBe(`gcj02/communities.geo.${h}.json`);
    expect(hashedPath('dir.v2/README', digest)).toBe(`dir.v2/README.${h}`);
    expect(hashedPath('.hidden', digest)).toBe(`.hidden.${h}`);
  });

  it('refuses a digest that is not hex', () => {
    expect(() => hashedPath('story.json', 'not-a-digest')).toThrow(/story\.json.*not a SHA-256/);
  });
});
