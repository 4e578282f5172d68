/**
 * Vite plugin for link previews: `vite build` draws `og-image.png` from the data folder it
 * copies (public/data, see scripts/og/og-image.ts) and adds og:image and twitter:image tags to
 * index.html. The image's address is absolute when ATLAS_PUBLIC_URL names the site's public
 * address (what chat apps need), relative otherwise.
 *
 * A build without data (no manifest.json yet) or whose image cannot be drawn is still a site:
 * it gets a warning and no image tags, never a failed build.
 */
import { join } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { buildOgImage, type OgImageOptions } from '../og/og-image';
import { OG_HEIGHT, OG_WIDTH } from '../og/og-svg';
import { addToHead, OG_IMAGE_FILE, ogImageTags, publicUrlFrom } from './og-tags';

/** Options of `ogImagePlugin`: the image's (less the data folder, which is public/data). */
export type OgImagePluginOptions = Omit<OgImageOptions, 'dataDir'>;

/** The link-preview plugin; `env` defaults to the process's (ATLAS_PUBLIC_URL). */
export function ogImagePlugin(
  options: OgImagePluginOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Plugin {
  let config: ResolvedConfig;
  let image: { png: Uint8Array; alt: string } | null = null;
  const publicUrl = publicUrlFrom(env.ATLAS_PUBLIC_URL);
  const warn = (message: string) => config.logger.warn(`link-preview image: ${message}`);
  return {
    name: 'renovation-atlas:og-image',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async buildStart() {
      image = null;
      const dataDir = join(config.publicDir || join(config.root, 'public'), 'data');
      try {
        const result = await buildOgImage({ ...options, dataDir });
        if ('skipped' in result) return warn(`not drawn: ${result.skipped}`);
        for (const w of result.warnings) warn(w);
        image = result;
        if (!publicUrl)
          warn(
            'ATLAS_PUBLIC_URL is not set, so og:image is relative; most chat apps show a card only for an absolute address',
          );
      } catch (e) {
        warn(`not drawn: ${(e as Error).message}`);
      }
    },
    generateBundle() {
      if (image) this.emitFile({ type: 'asset', fileName: OG_IMAGE_FILE, source: image.png });
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        image
          ? addToHead(html, ogImageTags({ publicUrl, width: OG_WIDTH, height: OG_HEIGHT, alt: image.alt }))
          : html,
    },
  };
}
