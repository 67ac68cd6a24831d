import type { Frame, FrameColumn } from '../../data/frame/frame';
import { rowRecords } from '../../data/frame/rowRecords';
import { systemError } from '../../errors';
import type { Featurizer } from '../featurize';
import type { FittedModel, Task } from '../types';
import { canonicalJson, sha256Hex } from './canonical';
import { ARTIFACT_FORMAT_VERSION, type Artifact, type StoredArtifact } from './schema';

/** Rows of the artifact's example: enough for a sample payload, small beside the models. */
export const EXAMPLE_ROWS = 3;

export interface ArtifactInput {
  readonly task: Task;
  /** Classification: the target's classes (binary: negative first, positive second). */
  readonly classes?: readonly string[];
  readonly featurizer: Featurizer;
  /** The rows the model was trained on: its first EXAMPLE_ROWS are the artifact's example input. */
  readonly frame: Frame;
  /**
   * Input columns that may be missing at scoring. Default: those with a missing value in `frame`; the
   * pipeline passes its dataset version's (registration's schema.json), which also counts held-out rows.
   */
  readonly nullable?: ReadonlySet<string>;
  /** One member is a single model; several are a weighted ensemble (probabilities / values averaged). */
  readonly members: readonly { readonly model: FittedModel; readonly weight: number }[];
  readonly threshold?: number;
  /** Provenance (seed, run id, engine version, …). No clock readings unless the caller wants them: they would break byte-identical rebuilds. */
  readonly createdWith?: Readonly<Record<string, string | number | boolean>>;
}

/** Content of an artifact without its hash, as plain JSON. */
function content(input: ArtifactInput): Omit<Artifact, 'sha256'> {
  const classification = input.task !== 'regression';
  if (classification && (input.classes === undefined || input.classes.length < 2)) {
    throw systemError('artifact_classes', 'A classification artifact needs at least two classes');
  }
  const outputs = classification ? input.classes!.length : 1;
  for (const m of input.members) {
    if (m.model.outputs !== outputs) {
      throw systemError(
        'artifact_member',
        `Member ${m.model.learner} has ${m.model.outputs} outputs, expected ${outputs}`,
      );
    }
    if (!(m.weight > 0) || !Number.isFinite(m.weight)) {
      throw systemError(
        'artifact_member',
        `Member ${m.model.learner} has weight ${m.weight}; weights must be positive`,
      );
    }
  }
  if (input.threshold !== undefined && input.task !== 'binary') {
    throw systemError('artifact_threshold', 'Only binary artifacts carry a decision threshold');
  }
  const inputs = input.featurizer.inputSchema();
  const nullable = input.nullable ?? missingIn(input.frame);
  // Round-trip through canonical JSON so the stored object holds exactly what serialisation writes.
  return JSON.parse(
    canonicalJson({
      formatVersion: ARTIFACT_FORMAT_VERSION,
      task: input.task,
      target: input.featurizer.target,
      classes: classification ? input.classes : undefined,
      inputSchema: inputs.map((c) => ({ ...c, nullable: nullable.has(c.name) })),
      example: rowRecords(
        input.frame,
        inputs.map((c) => c.name),
        EXAMPLE_ROWS,
      ),
      featurizer: input.featurizer.toJSON(),
      members: input.members.map((m) => ({ learner: m.model.learner, weight: m.weight, model: m.model.toJSON() })),
      threshold: input.threshold,
      createdWith: { engine: 'automl-functions', ...input.createdWith },
    }),
  ) as Omit<Artifact, 'sha256'>;
}

function missingIn(frame: Frame): Set<string> {
  const missing = (c: FrameColumn): boolean =>
    c.kind === 'numeric' ? c.values.some(Number.isNaN) : c.codes.some((code) => code < 0);
  return new Set(frame.columns.filter(missing).map((c) => c.name));
}

export function artifactHash(artifact: Omit<StoredArtifact, 'sha256'> & { sha256?: string }): string {
  const { sha256: _ignored, ...rest } = artifact;
  return sha256Hex(canonicalJson(rest));
}

export function buildArtifact(input: ArtifactInput): Artifact {
  const body = content(input);
  return { ...body, sha256: artifactHash(body) };
}

/** The artifact as canonical JSON text (sorted keys, no whitespace), sha256 included. */
export function serializeArtifact(artifact: Artifact): string {
  return canonicalJson(artifact);
}
