// The reference CTC kernels (see CtcKernels in backend/kernels/loss.ts): PyTorch 1.13's CPU
// recursions (aten/src/ATen/native/LossCTC.cpp) in log space over the extended target
// l' = (blank, l1, blank, ..., blank), in doubles; each stored value rounded once.
import type { StridedView } from '../../interface.js';
import type { CtcKernelArgs } from '../../kernels/loss.js';

/** log(exp(a) + exp(b) + exp(c)) around the largest term (PyTorch's: a max of -inf counts as 0). */
function logSumExp3(a: number, b: number, c: number): number {
  let m = Math.max(a, b, c);
  if (m === -Infinity) m = 0;
  return Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m)) + m;
}

/** One sample's view of the operands: lp(t, c), its extended target l'(s), its lengths. */
interface Sample {
  readonly Tb: number;
  readonly L: number;
  /** 2L + 1. */
  readonly S: number;
  lp(t: number, c: number): number;
  prime(s: number): number;
}

function sampleOf(logProbs: StridedView, targets: StridedView, args: CtcKernelArgs, b: number): Sample {
  const { data: lpd, offset: lpo } = logProbs;
  const [st, sn, sc] = logProbs.strides;
  const base = lpo + b * sn;
  const L = args.targetLengths[b];
  const labels = new Array<number>(L);
  const ts = targets.strides[0] ?? 0;
  for (let i = 0; i < L; i++) labels[i] = Math.trunc(targets.data[targets.offset + (args.targetOffsets[b] + i) * ts]);
  const blank = args.blank;
  return {
    Tb: args.inputLengths[b],
    L,
    S: 2 * L + 1,
    lp: (t, c) => lpd[base + t * st + c * sc],
    prime: (s) => (s % 2 === 0 ? blank : labels[(s - 1) / 2]),
  };
}

/** nll of a sample from the last used row of its alpha table (row-major Tb x S at `at`). */
function nllOf(alpha: ArrayLike<number>, at: number, x: Sample): number {
  const last = at + (x.Tb - 1) * x.S;
  const l1 = alpha[last + x.S - 1];
  const l2 = x.L > 0 ? alpha[last + x.S - 2] : -Infinity;
  return -logSumExp3(l1, l2, -Infinity);
}

export function ctcLossForward(logProbs: StridedView, targets: StridedView, args: CtcKernelArgs, nll: StridedView, logAlpha: StridedView): void {
  const [T, N] = logProbs.shape;
  const smax = logAlpha.shape[2];
  const out = logAlpha.data;
  for (let b = 0; b < N; b++) {
    const x = sampleOf(logProbs, targets, args, b);
    const { Tb, S } = x;
    const alpha = new Float64Array(Tb * S).fill(-Infinity);
    alpha[0] = x.lp(0, args.blank);
    if (x.L > 0) alpha[1] = x.lp(0, x.prime(1));
    for (let t = 1; t < Tb; t++) {
      const prev = (t - 1) * S;
      for (let s = 0; s < S; s++) {
        const a1 = alpha[prev + s];
        const a2 = s > 0 ? alpha[prev + s - 1] : -Infinity;
        const a3 = s > 1 && x.prime(s - 2) !== x.prime(s) ? alpha[prev + s - 2] : -Infinity;
        alpha[t * S + s] = logSumExp3(a1, a2, a3) + x.lp(t, x.prime(s));
      }
    }
    nll.data[nll.offset + b * (nll.strides[0] ?? 0)] = nllOf(alpha, 0, x);
    const row = logAlpha.offset + b * T * smax;
    out.fill(-Infinity, row, row + T * smax);
    for (let t = 0; t < Tb; t++) for (let s = 0; s < S; s++) out[row + t * smax + s] = alpha[t * S + s];
  }
}

export function ctcLossBackward(
  logProbs: StridedView,
  targets: StridedView,
  args: CtcKernelArgs,
  logAlpha: StridedView,
  upstream: StridedView,
  zeroInfinity: boolean,
  gradInput: StridedView,
): void {
  const [T, N, C] = logProbs.shape;
  const smax = logAlpha.shape[2];
  const [gt, gn, gc] = gradInput.strides;
  const gd = gradInput.data;
  for (let b = 0; b < N; b++) {
    const x = sampleOf(logProbs, targets, args, b);
    const { Tb, S } = x;
    // this sample's alpha as a Tb x S table (the forward's doubles)
    const alpha = new Float64Array(Tb * S);
    const row = logAlpha.offset + b * T * smax;
    for (let t = 0; t < Tb; t++) for (let s = 0; s < S; s++) alpha[t * S + s] = logAlpha.data[row + t * smax + s];
    const nll = nllOf(alpha, 0, x);
    const gbase = gradInput.offset + b * gn;
    const skip = zeroInfinity && nll === Infinity;
    if (skip) {
      for (let t = 0; t < T; t++) for (let c = 0; c < C; c++) gd[gbase + t * gt + c * gc] = 0;
      continue;
    }
    const beta = new Float64Array(Tb * S).fill(-Infinity);
    // log of sum over s with l'[s] = c of alpha[t][s] beta[t][s], per (t, c)
    const collected = new Float64Array(Tb * C).fill(-Infinity);
    const collect = (t: number, s: number): void => {
      const v = alpha[t * S + s] + beta[t * S + s];
      const i = t * C + x.prime(s);
      const cur = collected[i];
      if (cur === -Infinity) collected[i] = v;
      else {
        const m = Math.max(cur, v);
        collected[i] = Math.log(Math.exp(cur - m) + Math.exp(v - m)) + m;
      }
    };
    const last = (Tb - 1) * S;
    beta[last + S - 1] = x.lp(Tb - 1, args.blank);
    collect(Tb - 1, S - 1);
    if (x.L > 0) {
      beta[last + S - 2] = x.lp(Tb - 1, x.prime(S - 2));
      collect(Tb - 1, S - 2);
    }
    for (let t = Tb - 2; t >= 0; t--) {
      const next = (t + 1) * S;
      for (let s = S - 1; s >= 0; s--) {
        const here = x.prime(s);
        const b1 = beta[next + s];
        const b2 = s < S - 1 ? beta[next + s + 1] : -Infinity;
        const b3 = s < S - 2 && x.prime(s + 2) !== here ? beta[next + s + 2] : -Infinity;
        beta[t * S + s] = logSumExp3(b1, b2, b3) + x.lp(t, here);
        collect(t, s);
      }
    }
    const g = upstream.data[upstream.offset + b * (upstream.strides[0] ?? 0)];
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < C; c++) {
        const l = x.lp(t, c);
        gd[gbase + t * gt + c * gc] = t < Tb ? (Math.exp(l) - Math.exp(collected[t * C + c] + nll - l)) * g : 0;
      }
    }
  }
}
