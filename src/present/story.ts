/**
 * Loading the presentation story (`data/story.json`). Its shape and checks are
 * src/contracts/story.ts, shared with the data build that writes it.
 */
import { parseStory, StoryError, type Story } from '../contracts/story';
import { fetchChecked } from '../lib/data-integrity';

/** Kept for PresentApp.svelte and ChapterCard.svelte, which import these types from here. */
export type { Story, StoryChapter, StoryPlayback } from '../contracts/story';

/**
 * Fetches and checks `story.json` from the data folder (`url` is absolute, see `dataUrl`); a
 * story of another build than the manifest's is a DataMismatchError (src/lib/data-integrity.ts).
 */
export async function loadStory(url: string): Promise<Story> {
  const response = await fetchChecked(url);
  if (!response.ok) throw new StoryError(`${url}: HTTP ${response.status} (has \`npm run build:data\` run?)`);
  return parseStory(await response.json());
}
