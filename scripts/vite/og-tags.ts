/**
 * The link-preview tags the build adds to index.html for the image it draws (Open Graph, which
 * chat apps and newsroom CMSs read, and Twitter's card tags). index.html itself carries the ones
 * that do not depend on the data (og:type, og:title, og:description, twitter:card). Pure.
 */

/** File name of the image in the built site. */
export const OG_IMAGE_FILE = 'og-image.png';

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The site's public address from `ATLAS_PUBLIC_URL`, as a folder URL (ending in `/`), or null
 * when unset. Throws on anything but an absolute http(s) URL: a wrong address would ship tags
 * that point every preview at nothing.
 */
export function publicUrlFrom(value: string | undefined): URL | null {
  const text = value?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `ATLAS_PUBLIC_URL "${text}" is not a URL; give the site's address, e.g. https://example.org/atlas/`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`ATLAS_PUBLIC_URL "${text}" must start with https:// or http://`);
  url.search = '';
  url.hash = '';
  // The page's own address (…/index.html) names the same folder.
  url.pathname = url.pathname.replace(/[^/]*\.html?$/i, '');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** What the tags say. */
export interface OgTagInput {
  /** The site's public address (`publicUrlFrom`), or null: the image is then named relative to the page. */
  publicUrl: URL | null;
  width: number;
  height: number;
  /** Alternative text of the image. */
  alt: string;
}

/**
 * The tags, one per line. og:image is absolute when the public address is known, and relative
 * (`./og-image.png`) otherwise: most chat apps and CMSs show a card only with the absolute one,
 * which is why a deployer sets ATLAS_PUBLIC_URL.
 */
export function ogImageTags(input: OgTagInput): string[] {
  const image = input.publicUrl ? new URL(OG_IMAGE_FILE, input.publicUrl).href : `./${OG_IMAGE_FILE}`;
  const meta = (key: 'property' | 'name', name: string, content: string) =>
    `<meta ${key}="${name}" content="${escapeAttribute(content)}" />`;
  return [
    ...(input.publicUrl ? [meta('property', 'og:url', input.publicUrl.href)] : []),
    meta('property', 'og:image', image),
    meta('property', 'og:image:type', 'image/png'),
    meta('property', 'og:image:width', String(input.width)),
    meta('property', 'og:image:height', String(input.height)),
    meta('property', 'og:image:alt', input.alt),
    meta('name', 'twitter:image', image),
    meta('name', 'twitter:image:alt', input.alt),
  ];
}

/**
 * `html` with `tags` added at the end of its head, each on its own line, indented like the
 * head's other children. Throws when the page has no `</head>`.
 */
export function addToHead(html: string, tags: readonly string[]): string {
  const end = html.search(/<\/head>/i);
  if (end < 0) throw new Error('index.html has no </head> to add the link-preview tags to');
  const lineStart = html.lastIndexOf('\n', end - 1) + 1;
  const indent = /^[ \t]*$/.test(html.slice(lineStart, end)) ? html.slice(lineStart, end) : '';
  const at = indent ? lineStart : end;
  const lines = tags.map((t) => `${indent}  ${t}\n`).join('');
  return `${html.slice(0, at)}${lines}${html.slice(at)}`;
}
