import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_FORMAT_VERSION,
  buildArtifact,
  canonicalJson,
  EXAMPLE_ROWS,
  loadArtifact,
  parseArtifact,
  serializeArtifact,
} from '../../../../src/lib/automl/artifact';
import { exampleRowSchema } from '../../../../src/lib/automl/artifact/schema';
import { encodeTarget, fitFeaturizer } from '../../../../src/lib/automl/featurize';
import { allLearners } from '../../../../src/lib/automl/learners';
import { logisticRegressionLearner, ridgeLearner } from '../../../../src/lib/automl/linear';
import { Random } from '../../../../src/lib/automl/random';
import type { Frame } from '../../../../src/lib/data/frame/frame';
import { v1ArtifactText } from '../../../support/v1Artifact';
import { categorical, frame, numeric } from '../featurize/frames';

function bankLike(rows: number, seed: number): Frame {
  const r = new Random(seed);
  const age: number[] = [];
  const job: (string | null)[] = [];
  const amount: number[] = [];
  const y: string[] = [];
  const jobs = ['admin', 'technician', 'services', 'retired'];
  for (let i = 0; i < rows; i++) {
    age.push(i % 13 === 0 ? Number.NaN : 20 + r.int(50));
    job.push(i % 17 === 0 ? null : jobs[r.int(4)]!);
    amount.push(r.normal() * 100);
    const z = 0.05 * ((age[i] ?? 40) - 45) + (job[i] === 'retired' ? 1.5 : 0) + amount[i]! / 100;
    y.push(r.next() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no');
  }
  return frame(numeric('age', age, 'integer'), categorical('job', job), numeric('amount', amount), categorical('y', y));
}

function rowsOf(f: Frame): Record<string, unknown>[] {
  return Array.from({ length: f.rowCount }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const c of f.columns) {
      if (c.kind === 'numeric') row[c.name] = Number.isNaN(c.values[i]!) ? null : c.values[i];
      else row[c.name] = c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
    }
    return row;
  });
}

function train(seed: number) {
  const data = bankLike(300, seed);
  const featurizer = fitFeaturizer(data, { target: 'y' });
  const target = encodeTarget(data, 'y');
  const x = featurizer.transform(data);
  const a = logisticRegressionLearner.fit(x, target, { C: 1 }, { seed });
  const b = logisticRegressionLearner.fit(x, target, { C: 0.01 }, { seed });
  const classes = target.task === 'regression' ? [] : target.classes;
  return { data, featurizer, target, x, a, b, classes };
}

describe('model artifact', () => {
  const t = train(1);
  const artifact = buildArtifact({
    task: 'binary',
    classes: t.classes,
    featurizer: t.featurizer,
    frame: t.data,
    members: [{ model: t.a, weight: 1 }],
    createdWith: { seed: 1 },
  });
  const text = serializeArtifact(artifact);

  it('holds the format version, schema, classes and a sha256 of its content', () => {
    expect(artifact.formatVersion).toBe(ARTIFACT_FORMAT_VERSION);
    expect(artifact.target).toBe('y');
    expect(artifact.classes).toEqual(['no', 'yes']);
    expect(artifact.inputSchema.map((c) => c.name)).toEqual(['age', 'job', 'amount']);
    expect(artifact.inputSchema[1]!.categories).toEqual(expect.arrayContaining(['admin', 'retired']));
    expect(artifact.members).toHaveLength(1);
    expect(artifact.members[0]!.learner).toBe('logistic_regression');
    expect(artifact.createdWith).toEqual({ engine: 'automl-functions', seed: 1 });
    expect(artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toBe(canonicalJson(JSON.parse(text)));
  });

  it('predicts after loading exactly as the fitted model, from a frame or from rows', () => {
    const predictor = loadArtifact(text);
    const expected = new Float64Array(t.data.rowCount * 2);
    t.a.predict(t.x, expected);
    const fromFrame = predictor.predictFrame(t.data);
    const fromRows = predictor.predictRows(rowsOf(t.data));
    if (fromFrame.task === 'regression' || fromRows.task === 'regression') throw new Error('classification expected');
    expect(fromFrame.probabilities).toEqual(expected);
    expect(fromRows.probabilities).toEqual(expected);
    expect(fromRows.labels).toEqual(fromFrame.labels);
    expect(fromFrame.labels[0]).toBe(expected[1]! >= expected[0]! ? 'yes' : 'no');
    expect(predictor.sha256).toBe(artifact.sha256);
  });

  it('is byte-identical for the same seed and data', () => {
    const again = train(1);
    const text2 = serializeArtifact(
      buildArtifact({
        task: 'binary',
        classes: again.classes,
        featurizer: again.featurizer,
        frame: again.data,
        members: [{ model: again.a, weight: 1 }],
        createdWith: { seed: 1 },
      }),
    );
    expect(text2).toBe(text);
  });

  it('averages ensemble members by weight and applies a decision threshold', () => {
    const ensemble = loadArtifact(
      serializeArtifact(
        buildArtifact({
          task: 'binary',
          classes: t.classes,
          featurizer: t.featurizer,
          frame: t.data,
          members: [
            { model: t.a, weight: 1 },
            { model: t.b, weight: 3 },
          ],
          threshold: 0.9,
        }),
      ),
    );
    const pa = new Float64Array(t.data.rowCount * 2);
    const pb = new Float64Array(t.data.rowCount * 2);
    t.a.predict(t.x, pa);
    t.b.predict(t.x, pb);
    const p = ensemble.predictFrame(t.data);
    if (p.task === 'regression') throw new Error('classification expected');
    for (let i = 0; i < pa.length; i++) expect(p.probabilities[i]).toBeCloseTo(0.25 * pa[i]! + 0.75 * pb[i]!, 12);
    const expected = p.labels.map((_, i) => (p.probabilities[2 * i + 1]! >= 0.9 ? 'yes' : 'no'));
    expect(p.labels).toEqual(expected);
    // The threshold is not the argmax: some rows above 0.5 stay negative.
    expect(p.labels.some((l, i) => l === 'no' && p.probabilities[2 * i + 1]! > 0.5)).toBe(true);
  });

  it('counts categorical values training never saw', () => {
    const p = loadArtifact(text).predictRows([
      { age: 30, job: 'astronaut', amount: 1 },
      { age: 30, job: 'admin', amount: 1 },
    ]);
    expect(p.unseenCategories).toBe(1);
  });

  it('refuses another format version with a clear message', () => {
    const other = text.replace(`"formatVersion":${ARTIFACT_FORMAT_VERSION}`, '"formatVersion":99');
    expect(() => loadArtifact(other)).toThrow(/format version 99, but this build reads versions 1 and 2/);
  });

  it('refuses tampered, malformed and non-JSON artifacts', () => {
    const tampered = text.replace('"target":"y"', '"target":"z"');
    expect(() => loadArtifact(tampered)).toThrow(/does not match its sha256/);
    const json = JSON.parse(text) as Record<string, unknown>;
    delete json['members'];
    expect(() => loadArtifact(JSON.stringify(json))).toThrow(/malformed/);
    expect(() => loadArtifact('{')).toThrow(/not valid JSON/);
  });

  it('carries regression models and their values', () => {
    const data = frame(
      numeric('x', [1, 2, 3, 4, 5, 6]),
      categorical('g', ['a', 'b', 'a', 'b', 'a', 'b']),
      numeric('y', [2.1, 4.2, 6.1, 8.2, 10.1, 12.2]),
    );
    const featurizer = fitFeaturizer(data, { target: 'y', minFrequency: 1 });
    const target = encodeTarget(data, 'y');
    const model = ridgeLearner.fit(featurizer.transform(data), target, { alpha: 1e-6 }, { seed: 1 });
    const predictor = loadArtifact(
      serializeArtifact(
        buildArtifact({ task: 'regression', featurizer, frame: data, members: [{ model, weight: 1 }] }),
      ),
    );
    const p = predictor.predictRows([{ x: 7, g: 'a' }]);
    if (p.task !== 'regression') throw new Error('regression expected');
    expect(p.values[0]).toBeCloseTo(14.1, 4);
  });
});

describe('artifacts of every learner', () => {
  const data = bankLike(200, 5);
  const featurizer = fitFeaturizer(data, { target: 'y' });
  const target = encodeTarget(data, 'y');
  const x = featurizer.transform(data);
  for (const spec of allLearners.filter((l) => l.tasks.includes('binary'))) {
    it(`${spec.name}: byte-identical for a seed, identical predictions after loading`, () => {
      const build = () => {
        const model = spec.fit(x, target, spec.defaults, { seed: 3 });
        return {
          model,
          text: serializeArtifact(
            buildArtifact({
              task: 'binary',
              classes: ['no', 'yes'],
              featurizer,
              frame: data,
              members: [{ model, weight: 1 }],
            }),
          ),
        };
      };
      const first = build();
      const second = build();
      expect(second.text).toBe(first.text);
      const expected = new Float64Array(data.rowCount * 2);
      first.model.predict(x, expected);
      const p = loadArtifact(first.text).predictRows(rowsOf(data));
      if (p.task === 'regression') throw new Error('classification expected');
      expect(p.probabilities).toEqual(expected);
    });
  }
});

describe('format 2: the artifact describes its inputs', () => {
  const t = train(1);
  const input = {
    task: 'binary' as const,
    classes: t.classes,
    featurizer: t.featurizer,
    frame: t.data,
    members: [{ model: t.a, weight: 1 }],
  };
  const artifact = buildArtifact(input);

  it('marks the input columns the training rows missed as nullable, or those it is told', () => {
    expect(artifact.inputSchema.map((c) => [c.name, c.nullable])).toEqual([
      ['age', true],
      ['job', true],
      ['amount', false],
    ]);
    const told = buildArtifact({ ...input, nullable: new Set(['amount']) });
    expect(told.inputSchema.map((c) => c.nullable)).toEqual([false, false, true]);
  });

  it('holds the first training rows as its example: input columns only, missing values null', () => {
    expect(artifact.example).toHaveLength(EXAMPLE_ROWS);
    expect(artifact.example).toEqual(
      rowsOf(t.data)
        .slice(0, EXAMPLE_ROWS)
        .map(({ y: _target, ...inputs }) => inputs),
    );
    // Row 0 is one of the rows without an age or a job.
    expect(artifact.example[0]).toMatchObject({ age: null, job: null });
  });

  it('round-trips: parsed back, it is the artifact that was built', () => {
    expect(parseArtifact(serializeArtifact(artifact))).toEqual(artifact);
    const predictor = loadArtifact(serializeArtifact(artifact));
    expect(predictor.artifact.formatVersion).toBe(2);
    const p = predictor.predictRows(artifact.example);
    expect(p.task === 'binary' && p.labels).toHaveLength(EXAMPLE_ROWS);
  });

  it('still reads a format 1 artifact, which predicts the same', () => {
    const old = parseArtifact(v1ArtifactText(artifact));
    expect(old.formatVersion).toBe(1);
    expect(old).not.toHaveProperty('example');
    const before = loadArtifact(serializeArtifact(artifact)).predictFrame(t.data);
    const after = loadArtifact(v1ArtifactText(artifact)).predictFrame(t.data);
    expect(after).toEqual(before);
  });
});

describe('artifact example rows', () => {
  it('keep columns named like Object.prototype members when read back', () => {
    const row = JSON.parse('{"__proto__":"a","constructor":"b","n":1,"gone":null}');
    const read = exampleRowSchema.parse(row);
    expect(Object.keys(read)).toEqual(['__proto__', 'constructor', 'n', 'gone']);
    expect(exampleRowSchema.safeParse(JSON.parse('{"x":[1]}')).success).toBe(false);
    expect(exampleRowSchema.safeParse([]).success).toBe(false);
  });
});
