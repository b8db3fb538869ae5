// Strong-Wolfe line search and cubic interpolation, as torch/optim/lbfgs.py (_strong_wolfe, _cubic_interpolate).
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import { readNumber, ready, runSync, type LBFGSRun } from './requests.js';

/** Rounds a scalar the way PyTorch's 0-d tensors of the params' dtype would (Math.fround for float32). */
export type Round = (x: number) => number;

const identity: Round = (x) => x;

/** x . y as a number, rounded to the params' dtype (PyTorch's `dot` returns a 0-d tensor). */
export function* dot(x: Tensor, y: Tensor, r: Round = identity): LBFGSRun<number> {
  return r(yield* readNumber(x.mul(y).sum()));
}

/** max |x| as a number. */
export function* absMax(x: Tensor): LBFGSRun<number> {
  return yield* readNumber(x.abs().max());
}

/**
 * Minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to `bounds`
 * (default: the interval [x1, x2]); the interval's midpoint when the cubic has no minimum.
 */
export function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  bounds?: [number, number],
  r: Round = identity,
): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  // d1 = g1 + g2 - 3 (f1 - f2) / (x1 - x2)
  const d1 = r(r(g1 + g2) - r((3 * (f1 - f2)) / (x1 - x2)));
  // d2^2 = d1^2 - g1 g2
  const d2Square = r(r(d1 * d1) - r(g1 * g2));
  if (d2Square >= 0) {
    const d2 = r(Math.sqrt(d2Square));
    // x2 - (x2 - x1) (g2 + d2 - d1) / (g2 - g1 + 2 d2)  (mirrored when x1 > x2)
    const minPos =
      x1 <= x2
        ? r(x2 - r((x2 - x1) * r(r(r(g2 + d2) - d1) / r(r(g2 - g1) + r(2 * d2)))))
        : r(x1 - r((x1 - x2) * r(r(r(g1 + d2) - d1) / r(r(g1 - g2) + r(2 * d2)))));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

/** Loss and flat gradient at x + t d (the params are restored to x afterwards). */
export type DirectionalEvaluate = (t: number, d: Tensor) => { loss: number; grad: Tensor };

/** DirectionalEvaluate as a run (its loss may come from the driver). */
export type DirectionalRun = (t: number, d: Tensor) => LBFGSRun<{ loss: number; grad: Tensor }>;

export interface StrongWolfeOptions {
  c1?: number;
  c2?: number;
  toleranceChange?: number;
  maxLs?: number;
  round?: Round;
}

export interface StrongWolfeResult {
  loss: number;
  grad: Tensor;
  t: number;
  evals: number;
}

/**
 * Find a step t along d satisfying the strong Wolfe conditions
 * f(x + t d) <= f + c1 t gtd and |g(x + t d) . d| <= -c2 gtd: bracket, then zoom by cubic interpolation.
 */
export function strongWolfe(
  evaluate: DirectionalEvaluate,
  t0: number,
  d: Tensor,
  f: number,
  g0: Tensor,
  gtd: number,
  options: StrongWolfeOptions = {},
): StrongWolfeResult {
  const never = (): number => {
    throw new TorchletError('strongWolfe(): no closure evaluation is asked for outside `evaluate`');
  };
  return runSync(strongWolfeRun((t, dd) => ready(evaluate(t, dd)), t0, d, f, g0, gtd, options), never);
}

/** strongWolfe as a run: the numbers it reads (dot products, losses) come from the driver. */
export function* strongWolfeRun(
  evaluate: DirectionalRun,
  t0: number,
  d: Tensor,
  f: number,
  g0: Tensor,
  gtd: number,
  options: StrongWolfeOptions = {},
): LBFGSRun<StrongWolfeResult> {
  const { c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25, round: r = identity } = options;
  let t = t0;
  const dNorm = yield* absMax(d);
  const g = g0.clone();
  let { loss: fNew, grad: gNew } = yield* evaluate(t, d);
  let evals = 1;
  let gtdNew = yield* dot(gNew, d, r);
  // sufficient decrease (Armijo) fails: f_new > f + c1 t gtd
  const armijoFails = (fn: number, tt: number): boolean => r(fn) > r(r(f) + r(r(c1 * tt) * gtd));
  // curvature: |gtd_new| <= -c2 gtd
  const curvatureHolds = (gn: number): boolean => Math.abs(gn) <= r(r(-c2) * gtd);

  let tPrev = 0;
  let fPrev = f;
  let gPrev = g;
  let gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketG: Tensor[] = [];
  let bracketGtd: number[] = [];
  while (lsIter < maxLs) {
    if (armijoFails(fNew, t) || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]];
      break;
    }
    if (curvatureHolds(gtdNew)) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]];
      break;
    }
    // extrapolate: the cubic's minimiser within [t + 0.01 (t - tPrev), 10 t]
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep], r);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew.clone();
    gtdPrev = gtdNew;
    ({ loss: fNew, grad: gNew } = (yield* evaluate(t, d)));
    evals += 1;
    gtdNew = yield* dot(gNew, d, r);
    lsIter += 1;
  }
  if (lsIter === maxLs) {
    [bracket, bracketF, bracketG] = [[0, t], [f, fNew], [g, gNew]];
  }

  // zoom: shrink the bracket until a point satisfies the conditions
  let insufProgress = false;
  let [lowPos, highPos] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], undefined, r);
    // keep t at least 10% of the bracket away from its ends when progress stalls
    const bMax = Math.max(bracket[0], bracket[1]);
    const bMin = Math.min(bracket[0], bracket[1]);
    const eps = 0.1 * (bMax - bMin);
    if (Math.min(bMax - t, t - bMin) < eps) {
      if (insufProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
        insufProgress = false;
      } else {
        insufProgress = true;
      }
    } else {
      insufProgress = false;
    }
    ({ loss: fNew, grad: gNew } = (yield* evaluate(t, d)));
    evals += 1;
    gtdNew = yield* dot(gNew, d, r);
    lsIter += 1;
    if (armijoFails(fNew, t) || fNew >= bracketF[lowPos]) {
      // not lower than the low end: t becomes the high end
      bracket[highPos] = t;
      bracketF[highPos] = fNew;
      bracketG[highPos] = gNew.clone();
      bracketGtd[highPos] = gtdNew;
      [lowPos, highPos] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (curvatureHolds(gtdNew)) {
        done = true;
      } else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0) {
        // old low becomes the high end
        bracket[highPos] = bracket[lowPos];
        bracketF[highPos] = bracketF[lowPos];
        bracketG[highPos] = bracketG[lowPos];
        bracketGtd[highPos] = bracketGtd[lowPos];
      }
      bracket[lowPos] = t;
      bracketF[lowPos] = fNew;
      bracketG[lowPos] = gNew.clone();
      bracketGtd[lowPos] = gtdNew;
    }
  }
  return { loss: bracketF[lowPos], grad: bracketG[lowPos], t: bracket[lowPos], evals };
}
