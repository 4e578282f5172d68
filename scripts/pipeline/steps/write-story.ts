import { basename } from 'node:path';
import type { ManifestProgramme } from '../../../src/contracts/manifest';
import { STORY_FILE } from '../../../src/contracts/story';
import { InputError } from '../table';
import { StoryError, type StoryBuilder } from '../story';
import type { OutputWriter } from './output-writer';

/**
 * Writes story.json, every figure resolved against the communities and the programmes. A figure
 * the records cannot back is the story file's fault, so it is reported as an input error.
 */
export async function writeStory(
  story: StoryBuilder,
  programmes: ManifestProgramme[],
  path: string | undefined,
  out: OutputWriter,
): Promise<void> {
  try {
    const resolved = story.finish({ programmes, source: path ? basename(path) : null });
    await out.write(STORY_FILE, JSON.stringify(resolved, null, 2));
  } catch (e) {
    if (!(e instanceof StoryError)) throw e;
    throw new InputError(`${path ?? 'story'}: ${e.message}`, path ?? 'story');
  }
}
