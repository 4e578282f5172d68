/**
 * Credits shown wherever the map stands (footer, embed bar, print colophon, exported picture):
 * one wording for all. The programmes' sources are named by their documents' readable citations
 * (src/domain/citation.ts), never by file name; the file name stays the reference id in the data
 * and in the about panel.
 */
import { documentFor, formatCitation, type SourceDocument } from '../domain/citation';
import { t } from '../i18n/i18n.svelte';
import { fillPlaceholders, message, type Lang } from '../i18n/messages';

/** The props of a block that credits the data and the basemap (embed bar, print colophon). */
export interface CreditProps {
  /** Data sources as lines to show: what `dataSourceLines` gives for the manifest. */
  sources: readonly string[];
  /** Attribution of the online basemap shown, as text; absent for the offline basemap. */
  basemap?: string | undefined;
}

/** What the credits read of a manifest programme (src/lib/manifest.ts `ProgrammeSummary`). */
export interface CitedProgramme {
  /** Refs (file names) of the documents its figures come from. */
  sources: readonly string[];
  /** What the programmes file says of those documents. */
  documents?: readonly SourceDocument[];
}

/** The line the build writes into the manifest's attribution for each source of published figures. */
const PUBLISHED_PREFIX = 'Published figures: ';
/** The build's attribution line for the ledgers (scripts/pipeline/steps/write-manifest.ts). */
const LEDGERS_LINE = 'Renovation data: the ledgers listed under inputs';

/**
 * The basemap's credit line: the online provider's attribution, or the offline basemap's own
 * credit. Reads the language, so inside `$derived` it follows a switch of language.
 */
export function basemapCredit(basemap: string | undefined): string {
  return basemap ? t('footer.basemap_online', { attribution: basemap }) : t('footer.basemap');
}

/** Every programme's documents, one per ref (the first programme to describe a ref wins). */
export function programmeDocuments(programmes: readonly CitedProgramme[]): SourceDocument[] {
  const out = new Map<string, SourceDocument>();
  for (const p of programmes) for (const d of p.documents ?? []) if (!out.has(d.ref)) out.set(d.ref, d);
  return [...out.values()];
}

/**
 * The readable citation of a source ref in `lang`, looked up among the programmes' documents;
 * the ref itself when no document describes it. What the embed line, the cards, the print
 * colophon and the exported picture all write.
 */
export function citeSource(
  ref: string,
  programmes: readonly CitedProgramme[],
  lang: Lang,
  opts: { withRef?: boolean; short?: boolean } = {},
): string {
  return formatCitation(documentFor(ref, programmeDocuments(programmes)), lang, { ...opts, ref });
}

/**
 * The data sources to list, in `lang`: the manifest's attribution with the build's English lines
 * said in the language and each "Published figures: <ref>" line naming its document readably
 * (公开数字：《长沙推动既有小区品质三年行动》，王文、蒋宏装), then each programme source no line names.
 * The embed's source line, the footer, the print colophon and the exported picture list these.
 */
export function dataSourceLines(
  attribution: readonly string[],
  programmes: readonly CitedProgramme[],
  lang: Lang,
  opts: {
    /** Add each document's file name, the reference id (the print colophon, a record on paper). Default false. */
    withRef?: boolean;
    /** Leave translated titles out of English lines (one-line places: the embed, the picture). Default false. */
    short?: boolean;
  } = {},
): string[] {
  const published = (ref: string) =>
    fillPlaceholders(message(lang, 'sources.published'), {
      citation: citeSource(ref, programmes, lang, opts),
    });
  const refs = new Set<string>();
  const lines = attribution.map((line) => {
    if (line === LEDGERS_LINE) return message(lang, 'sources.ledgers');
    if (!line.startsWith(PUBLISHED_PREFIX)) return line;
    const ref = line.slice(PUBLISHED_PREFIX.length);
    refs.add(ref);
    return published(ref);
  });
  for (const p of programmes) for (const ref of p.sources) if (!refs.has(ref)) lines.push(published(ref));
  return [...new Set(lines)];
}
