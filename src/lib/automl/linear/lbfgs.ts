/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.4/7.5) with a backtracking Armijo line search; enough for
 * the smooth convex objectives of the linear models. Deterministic: no randomness, fixed operation order.
 */
export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Stop when the largest gradient component falls below this. */
  readonly gradientTolerance: number;
  /** Stop when the relative objective decrease of a step falls below this. */
  readonly relativeTolerance: number;
  readonly memory?: number;
  readonly deadline?: number;
  readonly onIteration?: (iteration: number) => void;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** `evaluate` returns the objective and writes its gradient into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

export function minimizeLbfgs(evaluate: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const m = options.memory ?? 10;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = evaluate(x, g);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(n);
  const alpha = new Float64Array(m);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);

  for (let iter = 0; iter < options.maxIterations; iter++) {
    if (maxAbs(g) <= options.gradientTolerance) return { x, value: f, iterations: iter, converged: true };
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      return { x, value: f, iterations: iter, converged: false };
    }
    // Two-loop recursion: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let k = sList.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(sList[k]!, dir);
      alpha[k] = a;
      const yk = yList[k]!;
      for (let i = 0; i < n; i++) dir[i]! -= a * yk[i]!;
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
      for (let i = 0; i < n; i++) dir[i]! *= gamma;
    }
    for (let k = 0; k < sList.length; k++) {
      const b = rho[k]! * dot(yList[k]!, dir);
      const sk = sList[k]!;
      const a = alpha[k]!;
      for (let i = 0; i < n; i++) dir[i]! += (a - b) * sk[i]!;
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
    }
    // The first step is scaled so its length is 1: the gradient alone has no natural scale.
    let step = sList.length === 0 ? Math.min(1, 1 / Math.sqrt(dot(dir, dir))) : 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = evaluate(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return { x, value: f, iterations: iter, converged: false };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    // Keep the pair only when curvature is positive, which keeps the inverse-Hessian estimate positive definite.
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const decrease = f - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    options.onIteration?.(iter);
    if (decrease <= options.relativeTolerance * Math.max(Math.abs(f), 1)) {
      return { x, value: f, iterations: iter + 1, converged: true };
    }
  }
  return { x, value: f, iterations: options.maxIterations, converged: maxAbs(g) <= options.gradientTolerance };
}
