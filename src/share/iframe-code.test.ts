import { describe, expect, it } from 'vitest';
import { escapeAttribute, iframeCode } from './iframe-code';

const BASE = 'https://city.example/atlas/';

describe('iframeCode', () => {
  it('escapes the address and the title', () => {
    const code = iframeCode(`${BASE}?a=1&b="x"<y>`, { title: 'Map "A" & <B>' });
    expect(code).toContain('src="https://city.example/atlas/?a=1&amp;b=&quot;x&quot;&lt;y&gt;"');
    expect(code).toContain('title="Map &quot;A&quot; &amp; &lt;B&gt;"');
    expect(code).toMatch(/^<iframe [^<>]*><\/iframe>$/);
  });

  it('escapes ampersands first', () => {
    expect(escapeAttribute('&quot;')).toBe('&amp;quot;');
  });
});
