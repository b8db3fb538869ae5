// The CTC recursions of PyTorch 1.13's CPU kernel (aten/src/ATen/native/LossCTC.cpp), in log space
// over the extended target l' = (blank, l1, blank, l2, ..., blank) of length 2L + 1. Doubles throughout;
// the caller rounds to the input's dtype.

/** One call's data: log_probs contiguous (T, N, C), each sample's target labels and lengths. */
export interface CtcProblem {
  readonly logProbs: Float64Array;
  readonly T: number;
  readonly N: number;
  readonly C: number;
  readonly blank: number;
  readonly targets: readonly (readonly number[])[];
  readonly inputLengths: readonly number[];
}

/** log(exp(a) + exp(b) + exp(c)) around the largest term (PyTorch's: a max of -inf counts as 0). */
function logSumExp3(a: number, b: number, c: number): number {
  let m = Math.max(a, b, c);
  if (m === -Infinity) m = 0;
  return Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m)) + m;
}

/** l'[s]: the blank at even s, the target's label (s - 1) / 2 at odd s. */
function primeOf(target: readonly number[], blank: number, s: number): number {
  return s % 2 === 0 ? blank : target[(s - 1) / 2];
}

/**
 * Forward: alpha[t][s] = (alpha[t-1][s] (+) alpha[t-1][s-1] (+) alpha[t-1][s-2] when l'[s] != l'[s-2])
 * + lp[t][l'[s]], with (+) log-sum-exp; nll = -(alpha[T-1][2L] (+) alpha[T-1][2L-1]).
 * Returns each sample's nll and its alpha table (input_length x (2L + 1), row-major).
 */
export function ctcForward(p: CtcProblem): { nll: Float64Array; alphas: Float64Array[] } {
  const { logProbs: lp, N, C, blank } = p;
  const nll = new Float64Array(N);
  const alphas: Float64Array[] = [];
  for (let b = 0; b < N; b++) {
    const target = p.targets[b];
    const Tb = p.inputLengths[b];
    const S = 2 * target.length + 1;
    const lpAt = (t: number, c: number): number => lp[(t * N + b) * C + c];
    const alpha = new Float64Array(Tb * S).fill(-Infinity);
    alpha[0] = lpAt(0, blank);
    if (target.length > 0) alpha[1] = lpAt(0, target[0]);
    for (let t = 1; t < Tb; t++) {
      const prev = (t - 1) * S;
      for (let s = 0; s < S; s++) {
        const a1 = alpha[prev + s];
        const a2 = s > 0 ? alpha[prev + s - 1] : -Infinity;
        const a3 = s > 1 && primeOf(target, blank, s - 2) !== primeOf(target, blank, s) ? alpha[prev + s - 2] : -Infinity;
        alpha[t * S + s] = logSumExp3(a1, a2, a3) + lpAt(t, primeOf(target, blank, s));
      }
    }
    const last = (Tb - 1) * S;
    const l1 = alpha[last + S - 1];
    const l2 = target.length > 0 ? alpha[last + S - 2] : -Infinity;
    nll[b] = -logSumExp3(l1, l2, -Infinity);
    alphas.push(alpha);
  }
  return { nll, alphas };
}

/**
 * Backward (PyTorch's formula): beta the same recursion from the end; for t < input_length,
 * grad[t][b][c] = (exp(lp) - exp(log(sum over s with l'[s] = c of alpha beta) + nll - lp)) * g[b];
 * 0 for t >= input_length, and 0 for the whole sample when zeroInfinity and its nll is inf.
 */
export function ctcBackward(
  p: CtcProblem,
  nll: Float64Array,
  alphas: readonly Float64Array[],
  gradOut: Float64Array,
  zeroInfinity: boolean,
): Float64Array {
  const { logProbs: lp, N, C, blank } = p;
  const grad = new Float64Array(p.T * N * C);
  for (let b = 0; b < N; b++) {
    if (zeroInfinity && nll[b] === Infinity) continue;
    const target = p.targets[b];
    const Tb = p.inputLengths[b];
    const S = 2 * target.length + 1;
    const alpha = alphas[b];
    const lpAt = (t: number, c: number): number => lp[(t * N + b) * C + c];
    const beta = new Float64Array(Tb * S).fill(-Infinity);
    // log of sum over s with l'[s] = c of alpha[t][s] beta[t][s], per (t, c)
    const collected = new Float64Array(Tb * C).fill(-Infinity);
    const collect = (t: number, s: number): void => {
      const v = alpha[t * S + s] + beta[t * S + s];
      const i = t * C + primeOf(target, blank, s);
      const cur = collected[i];
      if (cur === -Infinity) collected[i] = v;
      else {
        const m = Math.max(cur, v);
        collected[i] = Math.log(Math.exp(cur - m) + Math.exp(v - m)) + m;
      }
    };
    const last = (Tb - 1) * S;
    beta[last + S - 1] = lpAt(Tb - 1, blank);
    collect(Tb - 1, S - 1);
    if (target.length > 0) {
      beta[last + S - 2] = lpAt(Tb - 1, target[target.length - 1]);
      collect(Tb - 1, S - 2);
    }
    for (let t = Tb - 2; t >= 0; t--) {
      const next = (t + 1) * S;
      for (let s = S - 1; s >= 0; s--) {
        const here = primeOf(target, blank, s);
        const b1 = beta[next + s];
        const b2 = s < S - 1 ? beta[next + s + 1] : -Infinity;
        const b3 = s < S - 2 && primeOf(target, blank, s + 2) !== here ? beta[next + s + 2] : -Infinity;
        beta[t * S + s] = logSumExp3(b1, b2, b3) + lpAt(t, here);
        collect(t, s);
      }
    }
    const g = gradOut[b];
    for (let t = 0; t < Tb; t++) {
      for (let c = 0; c < C; c++) {
        const l = lpAt(t, c);
        grad[(t * N + b) * C + c] = (Math.exp(l) - Math.exp(collected[t * C + c] + nll[b] - l)) * g;
      }
    }
  }
  return grad;
}
