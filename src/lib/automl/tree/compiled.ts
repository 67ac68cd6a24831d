/**
 * The compiled form of a tree ensemble: flat typed arrays over raw feature values, so scoring needs
 * neither the binning nor per-node objects. Children ≥ 0 are nodes, < 0 are leaves (~child), as in
 * LightGBM's model format. Numeric node: x ≤ threshold goes left, NaN follows the node's default side.
 * Categorical node: `threshold` holds the category count; codes in [0, count) go left when their bit is
 * set in the node's bitset, anything else (NaN, unseen codes) follows the default side.
 */
import { userError } from '../../errors';
import type { BinMapper } from './binning';
import type { GrownTree } from './grow';

export const NAN_RIGHT = 1;
export const CATEGORICAL = 2;

export interface CompiledTrees {
  /** Values per leaf: 1 for boosted trees, K class probabilities for forest classifiers. */
  readonly leafWidth: number;
  /** Per tree: root (node index, or ~leaf for a single-leaf tree) and first output column it adds to. */
  readonly treeRoot: Int32Array;
  readonly treeOutput: Int32Array;
  readonly nodeFeature: Int32Array;
  readonly nodeThreshold: Float64Array;
  readonly nodeLeft: Int32Array;
  readonly nodeRight: Int32Array;
  /** Derived, not serialised: children interleaved [left, right] so scoring can step without branching. */
  readonly nodeChildren: Int32Array;
  readonly nodeFlags: Uint8Array;
  /** Categorical node: its bitset is catBits[catStart[n] .. catStart[n + 1]) — indexed by node via nodeCat. */
  readonly nodeCat: Int32Array;
  readonly catStart: Int32Array;
  readonly catBits: Uint32Array;
  readonly leafValues: Float64Array;
}

/** Collects grown trees and compiles them into one CompiledTrees. */
export class TreesCompiler {
  private readonly treeRoot: number[] = [];
  private readonly treeOutput: number[] = [];
  private readonly nodeFeature: number[] = [];
  private readonly nodeThreshold: number[] = [];
  private readonly nodeLeft: number[] = [];
  private readonly nodeRight: number[] = [];
  private readonly nodeFlags: number[] = [];
  private readonly nodeCat: number[] = [];
  private readonly catStart: number[] = [0];
  private readonly catBits: number[] = [];
  private readonly leafValues: number[] = [];

  constructor(
    private readonly mappers: readonly BinMapper[],
    private readonly leafWidth: number,
  ) {}

  get trees(): number {
    return this.treeRoot.length;
  }

  /** Adds a tree whose leaf l carries values[l * leafWidth ..]; it adds to output columns from `output`. */
  add(tree: GrownTree, values: ArrayLike<number>, output: number): void {
    const nodeBase = this.nodeFeature.length;
    const leafBase = this.leafValues.length / this.leafWidth;
    const relink = (child: number): number => (child >= 0 ? child + nodeBase : ~(~child + leafBase));
    this.treeRoot.push(tree.feature.length > 0 ? nodeBase : ~leafBase);
    this.treeOutput.push(output);
    for (let n = 0; n < tree.feature.length; n++) {
      const j = tree.feature[n]!;
      const mapper = this.mappers[j]!;
      this.nodeFeature.push(j);
      this.nodeLeft.push(relink(tree.left[n]!));
      this.nodeRight.push(relink(tree.right[n]!));
      const nanRight = tree.defaultLeft[n] ? 0 : NAN_RIGHT;
      if (mapper.kind === 'numeric') {
        this.nodeThreshold.push(mapper.upper[tree.thresholdBin[n]!]!);
        this.nodeFlags.push(nanRight);
        this.nodeCat.push(-1);
      } else {
        const mask = tree.leftBins[n]!;
        const categories = mapper.codeToBin.length;
        const words = new Array<number>(Math.ceil(categories / 32)).fill(0);
        for (let code = 0; code < categories; code++) {
          if (mask[mapper.codeToBin[code]!] === 1) words[code >>> 5] = (words[code >>> 5]! | (1 << (code & 31))) >>> 0;
        }
        this.nodeThreshold.push(categories);
        this.nodeFlags.push(nanRight | CATEGORICAL);
        this.nodeCat.push(this.catStart.length - 1);
        this.catBits.push(...words);
        this.catStart.push(this.catBits.length);
      }
    }
    for (let k = 0; k < values.length; k++) this.leafValues.push(values[k]!);
  }

  compile(): CompiledTrees {
    return withChildren({
      leafWidth: this.leafWidth,
      treeRoot: Int32Array.from(this.treeRoot),
      treeOutput: Int32Array.from(this.treeOutput),
      nodeFeature: Int32Array.from(this.nodeFeature),
      nodeThreshold: Float64Array.from(this.nodeThreshold),
      nodeLeft: Int32Array.from(this.nodeLeft),
      nodeRight: Int32Array.from(this.nodeRight),
      nodeFlags: Uint8Array.from(this.nodeFlags),
      nodeCat: Int32Array.from(this.nodeCat),
      catStart: Int32Array.from(this.catStart),
      catBits: Uint32Array.from(this.catBits),
      leafValues: Float64Array.from(this.leafValues),
    });
  }
}

function withChildren(trees: Omit<CompiledTrees, 'nodeChildren'>): CompiledTrees {
  const nodes = trees.nodeLeft.length;
  const nodeChildren = new Int32Array(nodes * 2);
  for (let n = 0; n < nodes; n++) {
    nodeChildren[2 * n] = trees.nodeLeft[n]!;
    nodeChildren[2 * n + 1] = trees.nodeRight[n]!;
  }
  return { ...trees, nodeChildren };
}

export interface CompiledTreesJson {
  leafWidth: number;
  treeRoot: number[];
  treeOutput: number[];
  nodeFeature: number[];
  nodeThreshold: number[];
  nodeLeft: number[];
  nodeRight: number[];
  nodeFlags: number[];
  nodeCat: number[];
  catStart: number[];
  catBits: number[];
  leafValues: number[];
}

export function compiledToJSON(trees: CompiledTrees): CompiledTreesJson {
  return {
    leafWidth: trees.leafWidth,
    treeRoot: Array.from(trees.treeRoot),
    treeOutput: Array.from(trees.treeOutput),
    nodeFeature: Array.from(trees.nodeFeature),
    nodeThreshold: Array.from(trees.nodeThreshold),
    nodeLeft: Array.from(trees.nodeLeft),
    nodeRight: Array.from(trees.nodeRight),
    nodeFlags: Array.from(trees.nodeFlags),
    nodeCat: Array.from(trees.nodeCat),
    catStart: Array.from(trees.catStart),
    catBits: Array.from(trees.catBits),
    leafValues: Array.from(trees.leafValues),
  };
}

/** Restores and validates the compiled form: every index must stay inside its array. */
export function compiledFromJSON(json: unknown, features: number, outputs: number): CompiledTrees {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const numbers = (key: keyof CompiledTreesJson): number[] => {
    const v = o[key];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw invalid(`${key} must be an array of finite numbers`);
    }
    return v as number[];
  };
  const leafWidth = o['leafWidth'];
  if (typeof leafWidth !== 'number' || !Number.isInteger(leafWidth) || leafWidth < 1 || leafWidth > outputs) {
    throw invalid('leafWidth must be a positive integer no larger than the outputs');
  }
  const trees = withChildren({
    leafWidth,
    treeRoot: Int32Array.from(numbers('treeRoot')),
    treeOutput: Int32Array.from(numbers('treeOutput')),
    nodeFeature: Int32Array.from(numbers('nodeFeature')),
    nodeThreshold: Float64Array.from(numbers('nodeThreshold')),
    nodeLeft: Int32Array.from(numbers('nodeLeft')),
    nodeRight: Int32Array.from(numbers('nodeRight')),
    nodeFlags: Uint8Array.from(numbers('nodeFlags')),
    nodeCat: Int32Array.from(numbers('nodeCat')),
    catStart: Int32Array.from(numbers('catStart')),
    catBits: Uint32Array.from(numbers('catBits')),
    leafValues: Float64Array.from(numbers('leafValues')),
  });
  const nodes = trees.nodeFeature.length;
  const leaves = trees.leafValues.length / leafWidth;
  const child = (c: number): boolean => (c >= 0 ? c < nodes : ~c < leaves);
  const sameLength = [trees.nodeThreshold, trees.nodeLeft, trees.nodeRight, trees.nodeFlags, trees.nodeCat];
  if (!Number.isInteger(leaves) || sameLength.some((a) => a.length !== nodes)) throw invalid('node arrays differ');
  if (trees.treeOutput.length !== trees.treeRoot.length) throw invalid('tree arrays differ');
  if (!trees.treeRoot.every(child)) throw invalid('tree root out of range');
  if (!trees.treeOutput.every((t) => t >= 0 && t + leafWidth <= outputs)) throw invalid('tree output out of range');
  const cats = trees.catStart.length - 1;
  if (trees.catStart[0] !== 0) throw invalid('category bitsets out of range');
  for (let n = 0; n < nodes; n++) {
    const f = trees.nodeFeature[n]!;
    const l = trees.nodeLeft[n]!;
    const r = trees.nodeRight[n]!;
    // Children come after their parent, so scoring always terminates.
    if (f < 0 || f >= features || !child(l) || !child(r) || (l >= 0 && l <= n) || (r >= 0 && r <= n)) {
      throw invalid(`node ${n} refers outside the model`);
    }
    if ((trees.nodeFlags[n]! & CATEGORICAL) === 0) continue;
    const k = trees.nodeCat[n]!;
    if (k < 0 || k >= cats) throw invalid(`node ${n} bitset missing`);
    const words = trees.catStart[k + 1]! - trees.catStart[k]!;
    if (words < 0 || trees.catStart[k + 1]! > trees.catBits.length || trees.nodeThreshold[n]! > words * 32) {
      throw invalid(`node ${n} bitset out of range`);
    }
  }
  return trees;
}

function invalid(message: string) {
  return userError('invalid_model', `Tree model is corrupt: ${message}`);
}
