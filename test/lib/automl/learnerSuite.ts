import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/lib/automl/artifact';
import { Random } from '../../../src/lib/automl/random';
import type { Dataset, FittedModel, LearnerSpec, Target, Task } from '../../../src/lib/automl/types';

/**
 * One behavioural suite every LearnerSpec must pass (one interface, many implementations): learning a
 * separable problem, the task list, the predict buffer layout, probabilities, determinism, the JSON round
 * trip and missing values.
 */
const ROWS = 400;

/** x0 ~ U(−1, 1) decides the label; x1 is noise; g is a 4-level categorical shifting the score a little. */
function problem(task: Task, seed: number, withMissing = false): { data: Dataset; target: Target } {
  const r = new Random(seed);
  const x0 = new Float64Array(ROWS);
  const x1 = new Float64Array(ROWS);
  const g = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    x0[i] = r.uniform(-1, 1);
    x1[i] = r.normal();
    g[i] = r.int(4);
  }
  const data: Dataset = {
    rows: ROWS,
    features: [
      { name: 'x0', kind: 'numeric' },
      { name: 'x1', kind: 'numeric' },
      { name: 'g', kind: 'categorical', categories: 4 },
    ],
    columns: [x0, x1, g],
  };
  let target: Target;
  if (task === 'regression') target = { task, y: Float64Array.from(x0, (v, i) => 3 * v + 0.5 * g[i]!) };
  else if (task === 'binary') target = { task, classes: ['no', 'yes'], y: Int32Array.from(x0, (v) => (v > 0 ? 1 : 0)) };
  else {
    target = {
      task,
      classes: ['a', 'b', 'c'],
      y: Int32Array.from(x0, (v) => (v < -0.33 ? 0 : v < 0.33 ? 1 : 2)),
    };
  }
  if (withMissing) {
    for (let i = 0; i < ROWS; i += 7) x1[i] = Number.NaN;
    for (let i = 3; i < ROWS; i += 11) g[i] = Number.NaN;
  }
  return { data, target };
}

function outputsOf(target: Target): number {
  return target.task === 'regression' ? 1 : target.classes.length;
}

function predictAll(model: FittedModel, data: Dataset): Float64Array {
  const out = new Float64Array(data.rows * model.outputs);
  model.predict(data, out);
  return out;
}

/** Training accuracy, or R² for regression. */
function fitQuality(target: Target, out: Float64Array): number {
  if (target.task === 'regression') {
    let mean = 0;
    for (const v of target.y) mean += v;
    mean /= target.y.length;
    let res = 0;
    let tot = 0;
    target.y.forEach((v, i) => {
      res += (v - out[i]!) ** 2;
      tot += (v - mean) ** 2;
    });
    return 1 - res / tot;
  }
  const k = target.classes.length;
  let correct = 0;
  for (let i = 0; i < target.y.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (out[i * k + c]! > out[i * k + best]!) best = c;
    if (best === target.y[i]) correct++;
  }
  return correct / target.y.length;
}

export function describeLearner(spec: LearnerSpec): void {
  describe(`learner ${spec.name}`, () => {
    it('declares tasks, defaults inside its search space and a positive cost', () => {
      expect(spec.tasks.length).toBeGreaterThan(0);
      expect(spec.relativeCost).toBeGreaterThan(0);
      for (const [name, domain] of Object.entries(spec.searchSpace)) {
        if (domain.type !== 'choice') {
          expect(domain.init, name).toBeGreaterThanOrEqual(domain.low);
          expect(domain.init, name).toBeLessThanOrEqual(domain.high);
        } else expect(domain.values, name).toContain(domain.init);
      }
    });

    for (const task of spec.tasks) {
      describe(task, () => {
        const { data, target } = problem(task, 1);
        const model = spec.fit(data, target, spec.defaults, { seed: 7 });
        const out = predictAll(model, data);

        it('learns a separable problem', () => {
          expect(model.learner).toBe(spec.name);
          expect(model.outputs).toBe(outputsOf(target));
          expect(fitQuality(target, out)).toBeGreaterThan(0.9);
        });

        it('writes exactly rows × outputs finite predictions, probabilities summing to 1', () => {
          const padded = new Float64Array(out.length + 3).fill(-42);
          model.predict(data, padded);
          expect(padded.subarray(out.length)).toEqual(Float64Array.from([-42, -42, -42]));
          expect(padded.subarray(0, out.length)).toEqual(out);
          for (const v of out) expect(Number.isFinite(v)).toBe(true);
          if (task !== 'regression') {
            const k = model.outputs;
            for (let i = 0; i < data.rows; i++) {
              let sum = 0;
              for (let c = 0; c < k; c++) {
                // Averaging trees may round a hair past the bounds; more than that is a bug.
                expect(out[i * k + c]).toBeGreaterThanOrEqual(-1e-12);
                expect(out[i * k + c]).toBeLessThanOrEqual(1 + 1e-12);
                sum += out[i * k + c]!;
              }
              expect(sum).toBeCloseTo(1, 9);
            }
          }
        });

        it('is deterministic for a seed', () => {
          const again = spec.fit(data, target, spec.defaults, { seed: 7 });
          expect(canonicalJson(again.toJSON())).toBe(canonicalJson(model.toJSON()));
          expect(predictAll(again, data)).toEqual(out);
        });

        it('predicts identically after a JSON round trip', () => {
          const text = JSON.stringify(model.toJSON());
          const restored = spec.load(JSON.parse(text));
          expect(restored.outputs).toBe(model.outputs);
          expect(predictAll(restored, data)).toEqual(out);
          expect(canonicalJson(restored.toJSON())).toBe(canonicalJson(model.toJSON()));
        });

        it('gives one finite, non-negative importance per feature', () => {
          const importance = model.importance();
          expect(importance.length).toBe(data.features.length);
          for (const v of importance) expect(v).toBeGreaterThanOrEqual(0);
          expect(importance[0]).toBeGreaterThan(0);
        });

        it('handles missing values in numeric and categorical features', () => {
          const holes = problem(task, 2, true);
          const m = spec.fit(holes.data, holes.target, spec.defaults, { seed: 7 });
          const p = predictAll(m, holes.data);
          for (const v of p) expect(Number.isFinite(v)).toBe(true);
          expect(fitQuality(holes.target, p)).toBeGreaterThan(0.85);
        });
      });
    }

    const unsupported = (['binary', 'multiclass', 'regression'] as const).filter((t) => !spec.tasks.includes(t));
    for (const task of unsupported) {
      it(`refuses a ${task} target`, () => {
        const { data, target } = problem(task, 3);
        expect(() => spec.fit(data, target, spec.defaults, { seed: 7 })).toThrow();
      });
    }
  });
}
