// The gradient check of a tensor-core case: rebuild the operands as leaves that require grad (views
// through the tensor's own view methods, so the gradient flows back to the base), run the same op,
// backpropagate PyTorch's random upstream gradient and compare each base's `.grad` with PyTorch's.
import type { Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, decodeNumber, type EncodedTensor } from '../fixtures.js';
import type { CaseArg, OpCase, TensorArg } from './case.js';
import type { Operand } from './operands.js';
import { runOp, type Variant } from './forward.js';
import { errorText, outputsOf } from './outputs.js';
import { methodView } from './views.js';

type Expected = EncodedTensor | null | (EncodedTensor | null)[] | undefined;

interface GradArg {
  operand: Operand;
  leaves: (Tensor | null)[];
}

function buildTensor(a: TensorArg, expectedGrad: EncodedTensor | null | undefined): [Tensor, Tensor] {
  const base = decode(a.tensor).requiresGrad_(expectedGrad != null);
  let x = base;
  for (const step of a.views ?? []) x = methodView(x, step);
  return [x, base];
}

function buildGradArg(a: CaseArg, expected: Expected): GradArg {
  if ('scalar' in a) return { operand: decodeNumber(a.scalar), leaves: [null] };
  if ('list' in a) {
    const built = a.list.map((x, i) => buildTensor(x, Array.isArray(expected) ? expected[i] : null));
    return { operand: built.map((b) => b[0]), leaves: built.map((b) => b[1]) };
  }
  const [operand, base] = buildTensor(a, Array.isArray(expected) ? null : expected);
  return { operand, leaves: [base] };
}

function isZero(e: EncodedTensor): boolean {
  return e.data.every((v) => v === 0);
}

export async function checkGradients(c: OpCase, variant: Variant = 'sync'): Promise<string[]> {
  const grads = c.grads;
  const gradOut = c.grad_out;
  if (!grads || !gradOut) return [];
  const problems: string[] = [];
  try {
    const built = c.args.map((a, i) => buildGradArg(a, grads[i]));
    const res = await runOp(c, built.map((b) => b.operand), variant);
    const outs = outputsOf(res, c.dtype) as Tensor[];
    (c.out ?? []).forEach((e, i) => {
      for (const p of compareTensor(outs[i], e, c)) problems.push(`forward with grad out[${i}]: ${p}`);
    });
    const diff = gradOut.flatMap((g, i) => (g ? [[outs[i], decode(g)] as const] : []));
    if (c.grad_fn !== undefined && diff.length > 0) {
      const name = diff[0][0].gradFn?.name ?? null;
      if (name !== c.grad_fn) problems.push(`grad_fn ${String(name)}, expected PyTorch's ${String(c.grad_fn)}`);
    }
    if (diff.length === 1) {
      diff[0][0].backward(diff[0][1]);
    } else {
      // several differentiable outputs: backward of sum_i <out_i, g_i> gives each out_i exactly g_i
      let loss: Tensor | null = null;
      for (const [o, g] of diff) {
        const term = o.mul(g).sum();
        loss = loss === null ? term : loss.add(term);
      }
      loss?.backward();
    }
    built.forEach((b, i) => {
      const exp = grads[i];
      const exps = Array.isArray(exp) ? exp : [exp];
      b.leaves.forEach((lf, j) => {
        const e = exps[j];
        if (!e || !lf) return;
        const name = Array.isArray(exp) ? `grad of operand ${i}[${j}]` : `grad of operand ${i}`;
        if (lf.grad === null) {
          if (!isZero(e)) problems.push(`${name}: null, expected PyTorch's gradient`);
          return;
        }
        for (const p of compareTensor(lf.grad, e, c)) problems.push(`${name}: ${p}`);
      });
    });
  } catch (e) {
    problems.push(`gradient: threw ${errorText(e)}`);
  }
  return problems;
}
