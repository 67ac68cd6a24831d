import type { Random } from '../random';
import type { LearnerSpec, Params } from '../types';
import { type LocalProposal, LocalSearch } from './localSearch';
import { unitSpace } from './space';

export interface TrialProposal {
  readonly id: number;
  readonly learner: string;
  readonly params: Params;
  readonly origin: 'default' | 'local';
}

interface FamilyState {
  readonly spec: LearnerSpec;
  readonly search: LocalSearch;
  /** Declared cost spent, including trials still running (so parallel picks spread out). */
  spent: number;
  costAtBest: number;
  costAtPreviousBest: number;
  firstLoss: number;
  bestLoss: number;
  trials: number;
  consecutiveFailures: number;
  exhausted: boolean;
}

/** A learner whose trials keep failing is dropped, not retried forever. */
const MAX_CONSECUTIVE_FAILURES = 2;

/**
 * Chooses the next trial. First the strong defaults of every learner family, cheapest first; then the family with
 * the lowest estimated cost to improve (FLAML's idea) gets a local step from its own best point.
 *
 * Costs are the learners' declared relative costs, never measured seconds: the sequence of proposals is then a
 * pure function of the seed and the results, so a run with one worker and a fixed trial count is reproducible.
 */
export class Searcher {
  private readonly families: FamilyState[];
  private readonly defaults: LearnerSpec[];
  private readonly pending = new Map<number, { family: FamilyState; local?: LocalProposal }>();
  private nextId = 0;
  private globalBest = Number.POSITIVE_INFINITY;

  constructor(learners: readonly LearnerSpec[], rng: Random) {
    this.families = learners.map((spec) => ({
      spec,
      search: new LocalSearch(unitSpace(spec.searchSpace), spec.defaults, rng.fork()),
      spent: 0,
      costAtBest: 0,
      costAtPreviousBest: 0,
      firstLoss: Number.NaN,
      bestLoss: Number.POSITIVE_INFINITY,
      trials: 0,
      consecutiveFailures: 0,
      exhausted: false,
    }));
    this.defaults = [...learners].sort((a, b) => a.relativeCost - b.relativeCost);
  }

  /**
   * The next proposal, or undefined when nothing can start now (nothing left, nothing affordable, or defaults still
   * running). `affordable` lets the caller veto a family whose next trial would not finish in the time left.
   */
  next(affordable: (spec: LearnerSpec) => boolean = () => true): TrialProposal | undefined {
    // A default the caller cannot afford now stays queued: a later look (after faster trials) may afford it.
    const index = this.defaults.findIndex((spec) => affordable(spec));
    if (index >= 0) {
      const spec = this.defaults.splice(index, 1)[0]!;
      return this.start(this.family(spec.name), spec.defaults, undefined, 'default');
    }
    // Local moves start once every started default has reported: until then the costs to improve compare
    // families that have results with families that have none (with one worker this never waits).
    if ([...this.pending.values()].some((p) => p.local === undefined)) return undefined;
    const ranked = this.families
      .filter((f) => !f.exhausted && f.trials > 0 && affordable(f.spec))
      .map((f) => ({ f, eci: this.costToImprove(f) }))
      .sort((a, b) => a.eci - b.eci);
    for (const { f } of ranked) {
      const local = f.search.propose();
      if (local === undefined) {
        f.exhausted = true;
        continue;
      }
      return this.start(f, local.params, local, 'local');
    }
    return undefined;
  }

  /** Feeds back a finished trial: its loss (lower is better) or undefined when it failed. */
  report(id: number, loss: number | undefined): void {
    const entry = this.pending.get(id);
    if (entry === undefined) return;
    this.pending.delete(id);
    const f = entry.family;
    f.trials++;
    if (loss === undefined || Number.isNaN(loss)) {
      if (++f.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) f.exhausted = true;
      if (entry.local !== undefined) f.search.report(entry.local, Number.POSITIVE_INFINITY);
      return;
    }
    f.consecutiveFailures = 0;
    if (Number.isNaN(f.firstLoss)) f.firstLoss = loss;
    if (entry.local === undefined) f.search.observe(f.spec.defaults, loss);
    else f.search.report(entry.local, loss);
    if (loss < f.bestLoss) {
      f.bestLoss = loss;
      f.costAtPreviousBest = f.costAtBest;
      f.costAtBest = f.spent;
    }
    this.globalBest = Math.min(this.globalBest, loss);
  }

  private start(
    f: FamilyState,
    params: Params,
    local: LocalProposal | undefined,
    origin: TrialProposal['origin'],
  ): TrialProposal {
    const id = this.nextId++;
    f.spent += f.spec.relativeCost;
    this.pending.set(id, local === undefined ? { family: f } : { family: f, local });
    return { id, learner: f.spec.name, params, origin };
  }

  private family(name: string): FamilyState {
    return this.families.find((f) => f.spec.name === name)!;
  }

  /**
   * Estimated cost for this family to improve: to beat its own best, at least the cost it has spent since its last
   * improvement (or between its last two); to reach the global best, the gap divided by its observed speed of
   * improvement (a family that never improved is assumed to need four times what it has spent).
   */
  private costToImprove(f: FamilyState): number {
    const perTrial = f.spec.relativeCost;
    const self = Math.max(f.spent - f.costAtBest, f.costAtBest - f.costAtPreviousBest, perTrial);
    const gap = f.bestLoss - this.globalBest;
    if (!(gap > 0)) return self;
    if (!Number.isFinite(f.bestLoss)) return Number.POSITIVE_INFINITY;
    const gained = f.firstLoss - f.bestLoss;
    const costOfGain = f.costAtBest - perTrial;
    const toGap = gained > 0 && costOfGain > 0 ? (gap * costOfGain) / gained : 4 * f.spent;
    return Math.max(self, toGap);
  }
}
