/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.4/7.5) with a backtracking Armijo line search, extended to
 * OWL-QN (Andrew & Gao, 2007) when an L1 penalty is given: steps follow the pseudo-gradient and stay inside the
 * current orthant, so weights reach exactly zero. Enough for the smooth-plus-L1 convex objectives of the linear
 * models. Deterministic: no randomness, fixed operation order.
 */
export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Stop when the largest (pseudo-)gradient component falls below this. */
  readonly gradientTolerance: number;
  /** Stop when the relative objective decrease of a step falls below this. */
  readonly relativeTolerance: number;
  readonly memory?: number;
  /** Per-coordinate L1 weights c: the objective becomes f(x) + Σ cᵢ|xᵢ|. */
  readonly l1?: Float64Array;
  readonly deadline?: number;
  readonly onIteration?: (iteration: number) => void;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  /** Objective including the L1 term. */
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** `evaluate` returns the smooth objective and writes its gradient into `grad`. */
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

function l1Term(x: Float64Array, l1: Float64Array | undefined): number {
  if (!l1) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += l1[i]! * Math.abs(x[i]!);
  return s;
}

/** Steepest-descent direction of f + Σcᵢ|xᵢ| (negated): the gradient itself without L1. */
function pseudoGradient(x: Float64Array, g: Float64Array, l1: Float64Array | undefined, out: Float64Array): void {
  if (!l1) {
    out.set(g);
    return;
  }
  for (let i = 0; i < x.length; i++) {
    const c = l1[i]!;
    const xi = x[i]!;
    const gi = g[i]!;
    if (xi > 0) out[i] = gi + c;
    else if (xi < 0) out[i] = gi - c;
    else if (gi + c < 0) out[i] = gi + c;
    else if (gi - c > 0) out[i] = gi - c;
    else out[i] = 0;
  }
}

export function minimizeLbfgs(evaluate: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const m = options.memory ?? 10;
  const l1 = options.l1;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = evaluate(x, g) + l1Term(x, l1);
  const pg = new Float64Array(n);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(n);
  const alpha = new Float64Array(m);
  const orthant = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);

  for (let iter = 0; iter < options.maxIterations; iter++) {
    pseudoGradient(x, g, l1, pg);
    if (maxAbs(pg) <= options.gradientTolerance) return { x, value: f, iterations: iter, converged: true };
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      return { x, value: f, iterations: iter, converged: false };
    }
    // Two-loop recursion: dir = −H·pg.
    for (let i = 0; i < n; i++) dir[i] = -pg[i]!;
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
    if (l1) {
      // OWL-QN: keep only components that descend along the pseudo-gradient; fix the orthant to explore.
      for (let i = 0; i < n; i++) {
        if (dir[i]! * pg[i]! >= 0) dir[i] = 0;
        orthant[i] = x[i] !== 0 ? Math.sign(x[i]!) : -Math.sign(pg[i]!);
      }
    }
    let slope = dot(pg, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -pg[i]!;
      slope = dot(pg, dir);
    }
    // The first step is scaled so its length is 1: the gradient alone has no natural scale.
    let step = sList.length === 0 ? Math.min(1, 1 / Math.sqrt(dot(dir, dir))) : 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) {
        const v = x[i]! + step * dir[i]!;
        // Projection onto the orthant: a weight that would cross zero stops at zero.
        xNew[i] = l1 && v * orthant[i]! <= 0 ? 0 : v;
      }
      fNew = evaluate(xNew, gNew) + l1Term(xNew, l1);
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += pg[i]! * (xNew[i]! - x[i]!);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
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
  pseudoGradient(x, g, l1, pg);
  return { x, value: f, iterations: options.maxIterations, converged: maxAbs(pg) <= options.gradientTolerance };
}
