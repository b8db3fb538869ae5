// L-BFGS over one flat parameter vector, as torch/optim/lbfgs.py LBFGS.step (PyTorch 1.13).
import { TorchletError, type DType, type Tensor } from '@torchlet/tensor-core';
import { roundTo } from '../util.js';
import { absMax, dot, strongWolfeRun } from './line-search.js';
import { readNumber, ready, runSync, type LBFGSRun } from './requests.js';

export interface LBFGSRuleOptions {
  lr: number;
  maxIter: number;
  maxEval: number;
  toleranceGrad: number;
  toleranceChange: number;
  historySize: number;
  lineSearchFn: 'strong_wolfe' | null;
}

/** LBFGS keeps one global state (stored under the first param, as PyTorch). */
export interface LBFGSState {
  funcEvals: number;
  nIter: number;
  /** Last search direction and step length. */
  d?: Tensor;
  t?: number;
  /** Curvature pairs y_k = g_{k+1} - g_k, s_k = t d_k and 1 / (y_k . s_k). */
  oldDirs?: Tensor[];
  oldStps?: Tensor[];
  ro?: number[];
  /** Scale of the initial inverse Hessian, (y . s) / (y . y). */
  hDiag?: number;
  prevFlatGrad?: Tensor;
  prevLoss?: number;
  /** The two-loop recursion's alphas (scratch, kept like PyTorch's state['al']). */
  al?: number[];
}

export function initLBFGSState(): LBFGSState {
  return { funcEvals: 0, nIter: 0 };
}

/** What LBFGS needs from the parameters: flat views and updates, and the closure. */
export interface LBFGSProblem {
  dtype: DType;
  /** Run the closure at the current params: its loss and the flat gradient (a fresh tensor). */
  evaluate(): { loss: number; grad: Tensor };
  /** params += t * d */
  addGrad(t: number, d: Tensor): void;
  /** A copy of the params, and a way to restore them. */
  snapshot(): Tensor[];
  restore(x: Tensor[]): void;
}

/** LBFGSProblem whose evaluation is a run (its loss may come from the driver). */
export interface LBFGSRunProblem extends Omit<LBFGSProblem, 'evaluate'> {
  evaluate(): LBFGSRun<{ loss: number; grad: Tensor }>;
}

/** One `LBFGS.step`: up to maxIter iterations; updates the params through `problem` and `state`. */
export function lbfgsStep(problem: LBFGSProblem, state: LBFGSState, o: LBFGSRuleOptions): void {
  const never = (): number => {
    throw new TorchletError('lbfgsStep(): no closure evaluation is asked for outside problem.evaluate');
  };
  const run: LBFGSRunProblem = {
    dtype: problem.dtype,
    evaluate: () => ready(problem.evaluate()),
    addGrad: (t, d) => problem.addGrad(t, d),
    snapshot: () => problem.snapshot(),
    restore: (x) => problem.restore(x),
  };
  runSync(lbfgsRun(run, state, o), never);
}

/** lbfgsStep as a run: every number it reads (losses, norms, dot products) comes from the driver. */
export function* lbfgsRun(problem: LBFGSRunProblem, state: LBFGSState, o: LBFGSRuleOptions): LBFGSRun<void> {
  const r = roundTo(problem.dtype);
  let { loss, grad: flatGrad } = yield* problem.evaluate();
  let currentEvals = 1;
  state.funcEvals += 1;
  // optimal already: max |g| <= toleranceGrad
  let optCond = (yield* absMax(flatGrad)) <= r(o.toleranceGrad);
  if (optCond) return;

  let d = state.d;
  let t = state.t ?? o.lr;
  let oldDirs = state.oldDirs ?? [];
  let oldStps = state.oldStps ?? [];
  let ro = state.ro ?? [];
  let hDiag = state.hDiag ?? 1;
  let prevFlatGrad = state.prevFlatGrad;
  let prevLoss = state.prevLoss;
  let nIter = 0;
  while (nIter < o.maxIter) {
    nIter += 1;
    state.nIter += 1;
    if (state.nIter === 1 || d === undefined || prevFlatGrad === undefined) {
      // first direction: steepest descent d = -g
      d = flatGrad.neg();
      oldDirs = [];
      oldStps = [];
      ro = [];
      hDiag = 1;
    } else {
      // y = g - g_prev, s = t d
      const y = flatGrad.sub(prevFlatGrad);
      const s = d.mul(r(t));
      const ys = yield* dot(y, s, r);
      if (ys > r(1e-10)) {
        // keep at most historySize curvature pairs
        if (oldDirs.length === o.historySize) {
          oldDirs.shift();
          oldStps.shift();
          ro.shift();
        }
        oldDirs.push(y);
        oldStps.push(s);
        ro.push(r(1 / ys));
        // H0 = (y . s) / (y . y)
        hDiag = r(ys / (yield* dot(y, y, r)));
      }
      // two-loop recursion: d = -H g
      const numOld = oldDirs.length;
      const al = state.al ?? (state.al = new Array<number>(o.historySize).fill(0));
      const q = flatGrad.neg();
      for (let i = numOld - 1; i >= 0; i--) {
        // a_i = rho_i s_i . q;  q = q - a_i y_i
        al[i] = r((yield* dot(oldStps[i], q, r)) * ro[i]);
        q.add_(oldDirs[i], { alpha: -al[i] });
      }
      // r = H0 q
      d = q.mul(hDiag);
      for (let i = 0; i < numOld; i++) {
        // b_i = rho_i y_i . r;  r = r + (a_i - b_i) s_i
        const beI = r((yield* dot(oldDirs[i], d, r)) * ro[i]);
        d.add_(oldStps[i], { alpha: r(al[i] - beI) });
      }
    }
    if (prevFlatGrad === undefined) prevFlatGrad = flatGrad.clone();
    else prevFlatGrad.copy_(flatGrad);
    prevLoss = loss;

    // first iteration ever: t = min(1, 1 / sum |g|) * lr; afterwards t = lr
    if (state.nIter === 1) {
      const inv = r(1 / r(yield* readNumber(flatGrad.abs().sum())));
      t = inv < 1 ? r(inv * r(o.lr)) : o.lr;
    } else {
      t = o.lr;
    }
    // directional derivative g . d; stop when it is not a descent direction
    const gtd = yield* dot(flatGrad, d, r);
    if (gtd > r(-o.toleranceChange)) break;

    let lsFuncEvals = 0;
    if (o.lineSearchFn === 'strong_wolfe') {
      const xInit = problem.snapshot();
      const dir = d;
      const evaluate = function* (tt: number, dd: Tensor): LBFGSRun<{ loss: number; grad: Tensor }> {
        problem.addGrad(tt, dd);
        const out = yield* problem.evaluate();
        problem.restore(xInit);
        return out;
      };
      const res = yield* strongWolfeRun(evaluate, t, dir, loss, flatGrad, gtd, {
        toleranceChange: o.toleranceChange,
        round: r,
      });
      ({ loss, grad: flatGrad, t, evals: lsFuncEvals } = res);
      problem.addGrad(t, d);
      optCond = (yield* absMax(flatGrad)) <= r(o.toleranceGrad);
    } else {
      // fixed step: x = x + t d; re-evaluate unless this is the last iteration
      problem.addGrad(t, d);
      if (nIter !== o.maxIter) {
        ({ loss, grad: flatGrad } = yield* problem.evaluate());
        optCond = (yield* absMax(flatGrad)) <= r(o.toleranceGrad);
        lsFuncEvals = 1;
      }
    }
    currentEvals += lsFuncEvals;
    state.funcEvals += lsFuncEvals;

    if (nIter === o.maxIter) break;
    if (currentEvals >= o.maxEval) break;
    if (optCond) break;
    // lack of progress: max |t d| <= toleranceChange or |f - f_prev| < toleranceChange
    if ((yield* absMax(d.mul(r(t)))) <= r(o.toleranceChange)) break;
    if (Math.abs(loss - prevLoss) < o.toleranceChange) break;
  }
  Object.assign(state, { d, t, oldDirs, oldStps, ro, hDiag, prevFlatGrad, prevLoss });
}
