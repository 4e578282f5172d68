import { describe, expect, it } from 'vitest';
import { addToHead, escapeAttribute, ogImageTags, publicUrlFrom } from './og-tags';

describe('publicUrlFrom', () => {
  it('reads the site address as a folder, and nothing when unset', () => {
    expect(publicUrlFrom('https://example.org/atlas')!.href).toBe('https://example.org/atlas/');
    expect(publicUrlFrom(' https://example.org/atlas/index.html?x=1#map=3/1/2 ')!.href).toBe(
      'https://example.org/atlas/',
    );
    expect(publicUrlFrom(undefined)).toBeNull();
    expect(publicUrlFrom('  ')).toBeNull();
  });

  it('refuses what is not an http(s) address, naming the variable', () => {
    expect(() => publicUrlFrom('example.org/atlas')).toThrow(
      /ATLAS_PUBLIC_URL "example.org\/atlas" is not a URL/,
    );
    expect(() => publicUrlFrom('file:///srv/atlas/')).toThrow(/must start with https:\/\/ or http:\/\//);
  });
});

describe('ogImageTags', () => {
  const alt = '小区焕新地图 "<b>"';
  it('names the image absolutely under the public address, with og:url', () => {
    const tags = ogImageTags({
      publicUrl: new URL('https://example.org/atlas/'),
      width: 1200,
      height: 630,
      alt,
    });
    expect(tags).toContain('<meta property="og:image" content="https://example.org/atlas/og-image.png" />');
    expect(tags).toContain('<meta name="twitter:image" content="https://example.org/atlas/og-image.png" />');
    expect(tags).toContain('<meta property="og:url" content="https://example.org/atlas/" />');
    expect(tags).toContain('<meta property="og:image:width" content="1200" />');
    expect(tags).toContain('<meta property="og:image:alt" content="小区焕新地图 &quot;&lt;b&gt;&quot;" />');
  });

  it('names it relative to the page without one, and gives no og:url', () => {
    const tags = ogImageTags({ publicUrl: null, width: 1200, height: 630, alt });
    expect(tags).toContain('<meta property="og:image" content="./og-image.png" />');
    expect(tags.some((t) => t.includes('og:url'))).toBe(false);
  });
});

describe('addToHead', () => {
  it('adds the tags before </head>, and refuses a page without one', () => {
    expect(addToHead('<html><head><title>t</title></head><body></body></html>', ['<meta a />'])).toBe(
      '<html><head><title>t</title>  <meta a />\n</head><body></body></html>',
    );
    expect(addToHead('<head>\n    <title>t</title>\n  </head>', ['<meta a />', '<meta b />'])).toBe(
      '<head>\n    <title>t</title>\n    <meta a />\n    <meta b />\n  </head>',
    );
    expect(() => addToHead('<p>', [])).toThrow(/no <\/head>/);
  });

  it('escapes attribute text', () => {
    expect(escapeAttribute('a&"<>')).toBe('a&amp;&quot;&lt;&gt;');
  });
});
