import type { ManifestInput } from '../../../src/contracts/manifest';
import { readJsonInput } from '../read/json-input';
import { InputError } from '../table';
import { createStoryBuilder, defaultStorySpec, parseStorySpec, type StoryBuilder } from '../story';
import { inputEntry } from './input-entry';

/** The story's running sums, ready for the communities, and its input file if one was given. */
export interface StoryRead {
  builder: StoryBuilder;
  input?: ManifestInput | undefined;
}

/**
 * Reads and checks the story file (or takes the overview-only default). Run before the heavy
 * work: a typo in the story should not cost a whole build.
 */
export async function readStory(path: string | undefined): Promise<StoryRead> {
  if (!path) return { builder: createStoryBuilder(defaultStorySpec()) };
  const { bytes, value } = await readJsonInput(path);
  const input = inputEntry('story', path, bytes);
  let spec;
  try {
    spec = parseStorySpec(value);
  } catch (e) {
    throw new InputError(`${path}: ${(e as Error).message}`, path);
  }
  return { builder: createStoryBuilder(spec), input };
}
