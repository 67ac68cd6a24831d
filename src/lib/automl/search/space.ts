import type { ParamDomain, Params } from '../types';

/**
 * A search space seen as the unit cube: every hyperparameter maps to [0, 1] (log-scaled where the domain says so;
 * a choice of n values owns n equal slices), so one local search moves all of them with one step size.
 */
export type UnitPoint = Float64Array;

export interface UnitSpace {
  readonly names: readonly string[];
  readonly domains: readonly ParamDomain[];
}

export function unitSpace(space: Readonly<Record<string, ParamDomain>>): UnitSpace {
  const names = Object.keys(space).sort();
  return { names, domains: names.map((n) => space[n]!) };
}

function clamp01(u: number): number {
  return Math.min(1, Math.max(0, u));
}

export function toUnit(space: UnitSpace, params: Params): UnitPoint {
  const point = new Float64Array(space.names.length);
  space.domains.forEach((d, i) => {
    const v = params[space.names[i]!] ?? d.init;
    if (d.type === 'choice') {
      const index = Math.max(0, d.values.indexOf(v));
      point[i] = (index + 0.5) / d.values.length;
    } else {
      const x = Number(v);
      point[i] =
        d.high === d.low
          ? 0
          : clamp01(d.log ? Math.log(x / d.low) / Math.log(d.high / d.low) : (x - d.low) / (d.high - d.low));
    }
  });
  return point;
}

export function fromUnit(space: UnitSpace, point: UnitPoint): Params {
  const params: Params = {};
  space.domains.forEach((d, i) => {
    const u = clamp01(point[i]!);
    const name = space.names[i]!;
    if (d.type === 'choice') {
      params[name] = d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))]!;
      return;
    }
    const x = d.log ? d.low * (d.high / d.low) ** u : d.low + u * (d.high - d.low);
    params[name] = d.type === 'int' ? Math.min(d.high, Math.max(d.low, Math.round(x))) : x;
  });
  return params;
}

/** A stable text key for a configuration, so the search never evaluates the same parameters twice. */
export function paramsKey(params: Params): string {
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
  );
}
