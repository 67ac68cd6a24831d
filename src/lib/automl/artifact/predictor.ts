import type { Frame } from '../../data/frame/frame';
import { systemError } from '../../errors';
import { type Encoded, type Featurizer, type InputColumn, loadFeaturizer } from '../featurize';
import { learnerByName } from '../learners';
import type { Dataset, FittedModel, Task } from '../types';
import type { StoredArtifact } from './schema';

export type Prediction =
  | {
      readonly task: 'binary' | 'multiclass';
      /** rows × K, row-major, in the order of `Predictor.classes`. */
      readonly probabilities: Float64Array;
      readonly labels: string[];
      readonly unseenCategories: number;
    }
  | { readonly task: 'regression'; readonly values: Float64Array; readonly unseenCategories: number };

/**
 * A loaded artifact ready to score: the featurizer and every member model restored once, so a request only
 * encodes its rows and runs the models. Ensembles average member outputs by weight.
 */
export class Predictor {
  readonly task: Task;
  readonly classes: readonly string[];
  readonly threshold: number | undefined;
  readonly featurizer: Featurizer;
  private readonly members: readonly { readonly model: FittedModel; readonly weight: number }[];
  private readonly outputs: number;

  constructor(readonly artifact: StoredArtifact) {
    this.task = artifact.task;
    this.classes = artifact.classes ?? [];
    this.threshold = artifact.threshold;
    this.featurizer = loadFeaturizer(artifact.featurizer);
    this.outputs = this.task === 'regression' ? 1 : this.classes.length;
    if (this.task !== 'regression' && this.outputs < 2) {
      throw systemError('artifact_classes', 'A classification artifact lists fewer than two classes');
    }
    const total = artifact.members.reduce((s, m) => s + m.weight, 0);
    this.members = artifact.members.map((m) => {
      const model = learnerByName(m.learner).load(m.model);
      if (model.outputs !== this.outputs) {
        throw systemError(
          'artifact_member',
          `Member ${m.learner} has ${model.outputs} outputs, expected ${this.outputs}`,
        );
      }
      return { model, weight: m.weight / total };
    });
  }

  get sha256(): string {
    return this.artifact.sha256;
  }

  get target(): string {
    return this.artifact.target;
  }

  get inputSchema(): readonly InputColumn[] {
    return this.artifact.inputSchema;
  }

  /** Raw model output for featurized data: class probabilities (rows × K) or values. */
  predictDataset(data: Dataset): Float64Array {
    const out = new Float64Array(data.rows * this.outputs);
    if (this.members.length === 1) {
      this.members[0]!.model.predict(data, out);
      return out;
    }
    const buffer = new Float64Array(out.length);
    for (const { model, weight } of this.members) {
      model.predict(data, buffer);
      for (let i = 0; i < out.length; i++) out[i]! += weight * buffer[i]!;
    }
    return out;
  }

  predictFrame(frame: Frame): Prediction {
    return this.finish(this.featurizer.transformFrame(frame));
  }

  predictRows(rows: readonly Record<string, unknown>[]): Prediction {
    return this.finish(this.featurizer.transformRows(rows));
  }

  private finish(encoded: Encoded): Prediction {
    const raw = this.predictDataset(encoded.data);
    if (this.task === 'regression') {
      return { task: 'regression', values: raw, unseenCategories: encoded.unseenCategories };
    }
    const k = this.outputs;
    const labels: string[] = new Array(encoded.data.rows);
    for (let i = 0; i < encoded.data.rows; i++) {
      let best = 0;
      if (this.threshold !== undefined && k === 2) best = raw[2 * i + 1]! >= this.threshold ? 1 : 0;
      else for (let c = 1; c < k; c++) if (raw[i * k + c]! > raw[i * k + best]!) best = c;
      labels[i] = this.classes[best]!;
    }
    return { task: this.task, probabilities: raw, labels, unseenCategories: encoded.unseenCategories };
  }
}
