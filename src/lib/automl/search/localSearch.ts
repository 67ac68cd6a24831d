import type { Random } from '../random';
import type { Params } from '../types';
import { fromUnit, paramsKey, toUnit, type UnitPoint, type UnitSpace } from './space';

/** A proposal remembers where it came from so its result can move the incumbent or shrink the step. */
export interface LocalProposal {
  readonly params: Params;
  readonly point: UnitPoint;
  readonly direction: Float64Array;
  /** True for the first probe along a direction, whose failure queues the opposite probe. */
  readonly forward: boolean;
}

const INITIAL_STEP = 0.1;
const MIN_STEP = 0.002;

/**
 * Randomised local search with an adaptive step (the idea of FLAML's FLOW2): probe the incumbent plus a random unit
 * direction, then its opposite if that failed; move on the first improvement; after enough failures around one
 * incumbent, halve the step; when the step is exhausted, restart from a random jump around the best point.
 */
export class LocalSearch {
  private incumbent: UnitPoint;
  private incumbentLoss = Number.POSITIVE_INFINITY;
  private step: number;
  private readonly initialStep: number;
  private failures = 0;
  private readonly allowedFailures: number;
  private readonly opposite: Float64Array[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly space: UnitSpace,
    start: Params,
    private readonly rng: Random,
  ) {
    this.incumbent = toUnit(space, start);
    this.seen.add(paramsKey(fromUnit(space, this.incumbent)));
    this.initialStep = INITIAL_STEP * Math.sqrt(Math.max(1, space.names.length));
    this.step = this.initialStep;
    this.allowedFailures = Math.max(2, space.names.length);
  }

  get bestLoss(): number {
    return this.incumbentLoss;
  }

  /** Records a configuration evaluated outside this search (its starting defaults). */
  observe(params: Params, loss: number): void {
    this.seen.add(paramsKey(params));
    if (loss < this.incumbentLoss) {
      this.incumbent = toUnit(this.space, params);
      this.incumbentLoss = loss;
    }
  }

  /** The next configuration to try; undefined when the space is too small to offer an unseen one. */
  propose(): LocalProposal | undefined {
    for (let attempt = 0; attempt < 24; attempt++) {
      const queued = this.opposite.shift();
      const forward = queued === undefined;
      const direction = queued ?? this.randomDirection();
      const sign = forward ? 1 : -1;
      // A rounded integer or a choice can swallow a small move: widen the step on repeated collisions.
      const scale = this.step * (1 + Math.floor(attempt / 4));
      const point = this.incumbent.map((u, i) => Math.min(1, Math.max(0, u + sign * scale * direction[i]!)));
      const params = fromUnit(this.space, point);
      const key = paramsKey(params);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      return { params, point, direction, forward };
    }
    return undefined;
  }

  /** Feeds back a proposal's loss (lower is better); returns whether it became the incumbent. */
  report(proposal: LocalProposal, loss: number): boolean {
    if (loss < this.incumbentLoss) {
      this.incumbent = proposal.point;
      this.incumbentLoss = loss;
      this.failures = 0;
      this.opposite.length = 0;
      return true;
    }
    if (proposal.forward) this.opposite.push(proposal.direction);
    if (++this.failures >= this.allowedFailures) {
      this.failures = 0;
      this.step /= 2;
      if (this.step < MIN_STEP) this.restart();
    }
    return false;
  }

  private restart(): void {
    this.step = this.initialStep;
    this.opposite.length = 0;
    this.incumbent = this.incumbent.map((u) => Math.min(1, Math.max(0, u + (this.rng.next() - 0.5) * 0.5)));
    // The jump is accepted whatever it scores: a restart explores a new basin, it does not compete with the old one.
    this.incumbentLoss = Number.POSITIVE_INFINITY;
  }

  private randomDirection(): Float64Array {
    const d = new Float64Array(this.space.names.length);
    let norm = 0;
    for (let i = 0; i < d.length; i++) {
      // A Gaussian vector, normalised, is uniform on the sphere.
      const g = this.rng.normal();
      d[i] = g;
      norm += g * g;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < d.length; i++) d[i]! /= norm;
    return d;
  }
}
