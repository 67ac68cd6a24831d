import { Random } from '../../../../src/lib/automl/random';
import type { Frame } from '../../../../src/lib/data/frame/frame';

/**
 * Generated tabular problems: `signal` and `group` decide the target, `noise` is irrelevant. Multiclass targets are
 * text labels, regression targets numbers.
 */
export function syntheticFrame(task: 'multiclass' | 'regression' | 'binary', rows: number, seed = 1): Frame {
  const rng = new Random(seed);
  const signal = new Float64Array(rows);
  const other = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const group = new Int32Array(rows);
  const labels = ['low', 'mid', 'high'];
  const codes = new Int32Array(rows);
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    signal[i] = rng.normal();
    other[i] = rng.normal();
    noise[i] = rng.normal();
    group[i] = rng.int(3);
    // Some missing values, as real files have.
    if (rng.next() < 0.03) other[i] = Number.NaN;
    const z = 1.5 * signal[i]! + (group[i]! - 1) + 0.5 * (Number.isNaN(other[i]!) ? 0 : other[i]!) + 0.4 * rng.normal();
    values[i] = 3 * z + 10;
    if (task === 'multiclass') codes[i] = z < -0.6 ? 0 : z < 0.6 ? 1 : 2;
    else codes[i] = z > 0.8 ? 1 : 0;
  }
  return {
    rowCount: rows,
    columns: [
      { kind: 'numeric', name: 'signal', type: 'float', values: signal },
      { kind: 'numeric', name: 'other', type: 'float', values: other },
      { kind: 'numeric', name: 'noise', type: 'float', values: noise },
      { kind: 'categorical', name: 'group', type: 'categorical', codes: group, levels: ['a', 'b', 'c'] },
      task === 'regression'
        ? { kind: 'numeric', name: 'target', type: 'float', values }
        : {
            kind: 'categorical',
            name: 'target',
            type: 'categorical',
            codes,
            levels: task === 'multiclass' ? labels : ['no', 'yes'],
          },
    ],
  };
}
