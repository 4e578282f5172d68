import { describe, expect, it } from 'vitest';
import { copyText } from './clipboard';

describe('copyText', () => {
  it('writes through the clipboard and reports success', async () => {
    const written: string[] = [];
    const ok = await copyText('https://a/?x=1#map=3/35/105', {
      writeText: async (t) => void written.push(t),
    });
    expect(ok).toBe(true);
    expect(written).toEqual(['https://a/?x=1#map=3/35/105']);
  });

  it('reports failure, without throwing, when refused or unavailable', async () => {
    const refused = { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) };
    await expect(copyText('x', refused)).resolves.toBe(false);
    await expect(copyText('x', null)).resolves.toBe(false);
  });
});
