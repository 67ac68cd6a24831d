import { z } from 'zod';
import { systemError, userError } from '../../errors';
import { artifactHash } from './build';
import { Predictor } from './predictor';
import { READABLE_ARTIFACT_VERSIONS, type StoredArtifact, storedArtifactSchema } from './schema';

/**
 * Reads an artifact's text: JSON, then the format version (checked first, so an artifact from another
 * version gets a plain explanation rather than a list of schema errors), then the schema, then the hash.
 */
export function parseArtifact(text: string): StoredArtifact {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw systemError('artifact_not_json', 'The model artifact is not valid JSON', cause);
  }
  const version =
    typeof json === 'object' && json !== null ? (json as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version !== 'number' || !READABLE_ARTIFACT_VERSIONS.includes(version)) {
    throw userError(
      'artifact_version',
      `The model artifact has format version ${JSON.stringify(version)}, but this build reads versions ${READABLE_ARTIFACT_VERSIONS.join(' and ')}.`,
      { status: 422, hint: 'Retrain the model with this build, or score it with the build that trained it.' },
    );
  }
  const parsed = storedArtifactSchema.safeParse(json);
  if (!parsed.success) {
    throw systemError('artifact_invalid', `The model artifact is malformed: ${z.prettifyError(parsed.error)}`);
  }
  // Hash what was stored (not the parsed copy): a field this build does not know must still count.
  const actual = artifactHash(json as StoredArtifact);
  if (actual !== parsed.data.sha256) {
    throw systemError(
      'artifact_corrupt',
      `The model artifact's content does not match its sha256 (${parsed.data.sha256})`,
    );
  }
  return parsed.data;
}

export function loadArtifact(text: string): Predictor {
  return new Predictor(parseArtifact(text));
}
