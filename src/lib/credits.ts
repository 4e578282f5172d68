/** Credits shown wherever the map stands (footer, embed bar, print colophon): one wording for all. */
import { t } from '../i18n/i18n.svelte';

/** The props of a block that credits the data and the basemap (embed bar, print colophon). */
export interface CreditProps {
  /** Data sources: the manifest's attribution and the programmes' source files. */
  sources: readonly string[];
  /** Attribution of the online basemap shown, as text; absent for the offline basemap. */
  basemap?: string | undefined;
}

/**
 * The basemap's credit line: the online provider's attribution, or the offline basemap's own
 * credit. Reads the language, so inside `$derived` it follows a switch of language.
 */
export function basemapCredit(basemap: string | undefined): string {
  return basemap ? t('footer.basemap_online', { attribution: basemap }) : t('footer.basemap');
}
