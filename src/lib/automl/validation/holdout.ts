import type { Frame } from '../../data/frame/frame';
import { takeFrameRows } from '../../data/frame/takeRows';
import { Random } from '../random';

/** Share of a dataset version kept out of training so champion and challenger meet on unseen rows. */
export const HOLDOUT_FRACTION = 0.1;

/**
 * Splits a dataset version into training rows and the champion/challenger holdout (outside the search, unlike
 * plan.ts's validation holdout, which is cut from the training rows). Deterministic in (rows, seed), so the deploy
 * stage recomputes exactly the rows the train stage held out.
 */
export function splitHoldout(frame: Frame, seed: number): { train: Frame; holdout: Frame } {
  const rng = new Random(seed ^ 0x5eed);
  const inHoldout = new Uint8Array(frame.rowCount);
  const k = Math.floor(frame.rowCount * HOLDOUT_FRACTION);
  for (const i of rng.sample(frame.rowCount, k)) inHoldout[i] = 1;
  const pick = (flag: number) => Int32Array.from(indices(inHoldout, flag));
  return { train: takeFrameRows(frame, pick(0)), holdout: takeFrameRows(frame, pick(1)) };
}

function* indices(mask: Uint8Array, flag: number): Generator<number> {
  for (let i = 0; i < mask.length; i++) if (mask[i] === flag) yield i;
}
