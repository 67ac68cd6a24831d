import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src/lib/automl/random';
import { Searcher, type TrialProposal } from '../../../../src/lib/automl/search/searcher';
import { paramsKey } from '../../../../src/lib/automl/search/space';
import { fakeSpec } from './fakeLearners';

/** A smooth landscape per family: the optimum is x = 0.3, depth = 8; `offset` makes a family worse overall. */
function loss(p: TrialProposal, offset: Record<string, number>): number {
  const x = Number(p.params.x);
  const depth = Number(p.params.depth);
  return (x - 0.3) ** 2 + ((depth - 8) / 12) ** 2 + (offset[p.learner] ?? 0);
}

function run(seed: number, trials: number, offset: Record<string, number>) {
  const searcher = new Searcher([fakeSpec('slow', 3), fakeSpec('good', 1), fakeSpec('poor', 0.5)], new Random(seed));
  const history: { proposal: TrialProposal; loss: number }[] = [];
  for (let i = 0; i < trials; i++) {
    const proposal = searcher.next();
    if (proposal === undefined) break;
    const l = loss(proposal, offset);
    searcher.report(proposal.id, l);
    history.push({ proposal, loss: l });
  }
  return history;
}

describe('Searcher', () => {
  const offset = { good: 0, slow: 0.05, poor: 0.5 };

  it('tries every family’s defaults first, cheapest first', () => {
    const history = run(1, 3, offset);
    expect(history.map((h) => [h.proposal.learner, h.proposal.origin])).toEqual([
      ['poor', 'default'],
      ['good', 'default'],
      ['slow', 'default'],
    ]);
  });

  it('improves on the defaults by local moves from the best point', () => {
    const history = run(1, 40, offset);
    const defaultLoss = history.find((h) => h.proposal.learner === 'good')!.loss;
    const best = Math.min(...history.map((h) => h.loss));
    expect(best).toBeLessThan(defaultLoss / 3);
  });

  it('spends most trials on the family most likely to improve', () => {
    const history = run(2, 40, offset);
    const count = (name: string) => history.filter((h) => h.proposal.learner === name).length;
    expect(count('good')).toBeGreaterThan(count('slow'));
    expect(count('good')).toBeGreaterThan(count('poor'));
  });

  it('never proposes the same configuration twice and is reproducible for a seed', () => {
    const a = run(3, 40, offset);
    const b = run(3, 40, offset);
    expect(a.map((h) => h.proposal)).toEqual(b.map((h) => h.proposal));
    const keys = a.map((h) => `${h.proposal.learner}:${paramsKey(h.proposal.params)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('drops a family whose trials keep failing', () => {
    const searcher = new Searcher([fakeSpec('broken', 0.1), fakeSpec('good', 1)], new Random(1));
    const learners: string[] = [];
    for (let i = 0; i < 12; i++) {
      const p = searcher.next();
      if (p === undefined) break;
      learners.push(p.learner);
      searcher.report(p.id, p.learner === 'broken' ? undefined : loss(p, {}));
    }
    expect(learners.filter((l) => l === 'broken').length).toBeLessThanOrEqual(2);
    expect(learners.filter((l) => l === 'good').length).toBeGreaterThanOrEqual(10);
  });

  it('skips families the caller cannot afford', () => {
    const searcher = new Searcher([fakeSpec('slow', 3), fakeSpec('good', 1)], new Random(1));
    const p = searcher.next((spec) => spec.name !== 'slow');
    expect(p?.learner).toBe('good');
    searcher.report(p!.id, 1);
    expect(searcher.next(() => false)).toBeUndefined();
  });
});

describe('Searcher with trials in parallel', () => {
  it('starts local moves only once every default has reported', () => {
    const searcher = new Searcher([fakeSpec('a', 1), fakeSpec('b', 2)], new Random(1));
    const first = searcher.next()!;
    const second = searcher.next()!;
    searcher.report(first.id, 0.5);
    expect(searcher.next()).toBeUndefined();
    searcher.report(second.id, 0.4);
    expect(searcher.next()?.origin).toBe('local');
  });
});
