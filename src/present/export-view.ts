/**
 * 导出图片 / Export PNG, for the normal view (MapTools) and for a slide (PresentApp): the legend
 * of the layer shown (export-legend.ts, the funding classes from the scale the hexagons were
 * drawn with), the sources named by their documents' citations and the attribution, all in the
 * interface language, and the map drawn at the export's resolution (export-png.ts).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { i18n, t } from '../i18n/i18n.svelte';
import { citeSource, dataSourceLines } from '../lib/credits';
import type { SiteManifest } from '../lib/manifest';
import type { LayerOptions } from '../map/layers/layer-options';
import type { ExportFigure } from './export-layout';
import { exportLegend } from './export-legend';
import { exportPng, type ExportRecord, type MapArea, type OverlayRenderer } from './export-png';
import type { FundingScale } from '../map/layers/funding-metric';

/** How long an export waits for hexagons still being drawn (the layer was just switched on). */
const HEXAGON_WAIT_MS = 15_000;

/** What to export. */
export interface ExportRequest {
  map: MapLibreMap;
  manifest: SiteManifest;
  /** The layer shown and its options. */
  options: LayerOptions;
  title: string;
  subtitle?: string;
  figures?: readonly ExportFigure[];
  /** The source every figure shares, written once under them. */
  figuresSource?: string;
  /**
   * Refs of the documents to cite (a slide's published figures); null: every programme's (the
   * normal view shows them all).
   */
  sourceRefs: readonly string[] | null;
  /** Stage counts the status legend is limited to (a chapter's); null or absent: every stage. */
  stages?: Readonly<Record<string, number>> | null;
  theme: 'light' | 'dark';
  /** The part of the map to show; default all of it. */
  area?: MapArea | null;
  /** Width of the side panel in CSS pixels; default from the map's width. */
  panelWidth?: number;
  fileName: string;
}

/** The funding hexagons on `map` and the scale they are drawn with, once they are drawn. */
async function shownHexagons(
  map: MapLibreMap,
): Promise<{ overlay: OverlayRenderer | null; scale: FundingScale | null }> {
  // deck.gl is a chunk of its own: loaded here only when the funding layer is shown.
  const { fundingOverlayOf } = await import('../map/layers/funding-hex-overlay');
  const deadline = Date.now() + HEXAGON_WAIT_MS;
  for (;;) {
    const overlay = fundingOverlayOf(map);
    const scale = overlay?.shownScale() ?? null;
    if (scale || Date.now() > deadline) return { overlay, scale };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Renders the request into a PNG, downloads it and returns it with its record. */
export async function exportView(request: ExportRequest): Promise<{ png: Blob; record: ExportRecord }> {
  const { map, manifest, options } = request;
  const lang = i18n.lang;
  const hexagons = options.layer === 'funding' ? await shownHexagons(map) : { overlay: null, scale: null };
  const legend = exportLegend({
    options,
    fundingScale: hexagons.scale,
    stages: request.stages ?? null,
    illustrative: (manifest.counts.communities_synthetic ?? 0) > 0,
    hasBoundaries: manifest.layers.boundaries !== undefined,
    hasNetwork: (manifest.life_circles?.network ?? null) !== null,
    amenityZoom: manifest.layers.amenities ? map.getZoom() : null,
    lang,
    t,
  });
  const sources =
    request.sourceRefs === null
      ? dataSourceLines(manifest.attribution, manifest.programmes, lang)
      : [
          t('sources.ledgers'),
          ...request.sourceRefs.map((ref) =>
            t('sources.published', { citation: citeSource(ref, manifest.programmes, lang) }),
          ),
        ];
  const synthetic = (manifest.counts.communities_synthetic ?? 0) > 0;
  const attribution = [
    [
      t('footer.basemap'),
      [synthetic ? t('footer.synthetic') : '', t('footer.borders')].join(' ').trim(),
    ].join(' · '),
  ];
  return exportPng(
    map,
    {
      title: request.title,
      ...(request.subtitle ? { subtitle: request.subtitle } : {}),
      ...(request.figures ? { figures: request.figures } : {}),
      ...(request.figuresSource ? { figuresSource: request.figuresSource } : {}),
      legend,
      sources,
      attribution,
      theme: request.theme,
      lang,
    },
    request.fileName,
    {
      area: request.area ?? null,
      overlay: hexagons.overlay,
      ...(request.panelWidth ? { panelWidth: request.panelWidth } : {}),
    },
  );
}
