// The README's example, run as written (imports pointed at the source).
import { expect, it } from 'vitest';
import { tensor, randn, manualSeed, logSoftmax, oneHot, type Tensor } from '@torchlet/tensor-core';
import { installAutograd, grad, noGrad, defineCustomOp, gradcheck, type CustomOpContext } from '../src/index.js';

it('README example runs', () => {
  installAutograd();
  manualSeed(0);
  const w = randn([3, 2], { requiresGrad: true });
  const b = tensor([0.1, -0.2], { requiresGrad: true });
  const x = randn([4, 3]);

  // Forward, backward, read the gradients (they accumulate across backward calls, as in PyTorch).
  const loss = x.matmul(w).add(b).tanh().pow(2).mean();
  console.log(loss.toString());         // tensor(0.5745, grad_fn=<MeanBackward0>)
  loss.backward();
  console.log(w.grad!.shape, b.grad!.tolist());

  // Parameter update without recording; in-place ops on leaves that require grad need noGrad.
  noGrad(() => {
    w.sub_(w.grad!, { alpha: 0.1 });
    w.grad = null;
  });

  // torch.autograd.grad, and double backward with createGraph.
  const z = randn([5], { dtype: 'float64', requiresGrad: true });
  const [g] = grad(z.pow(3).sum(), z, { createGraph: true });   // 3 z^2, itself differentiable
  const [gg] = grad(g.sum(), z);                                 // 6 z

  // A custom op: forward on core tensors, closed-form backward in autograd ops.
  const crossEntropy = defineCustomOp({
    name: 'CrossEntropy',
    forward(ctx: CustomOpContext<{ n: number }>, logits: Tensor, target: Tensor) {
      const logp = logSoftmax(logits, 1);
      ctx.saveForBackward(logp, target);
      ctx.state = { n: logits.shape[0] };
      return logp.gather(1, target.unsqueeze(1)).mean().neg();
    },
    backward(ctx, gradOutput) {
      const [logp, target] = ctx.savedTensors;
      const onehot = oneHot(target, logp.shape[1]).to(logp.dtype);
      // d CE / d logits = (softmax - onehot) / N
      return [logp.exp().sub(onehot).mul(gradOutput).div(ctx.state!.n), null]; // one per tensor argument
    },
  });
  const logits = randn([4, 5], { dtype: 'float64', requiresGrad: true });
  const target = tensor([0, 4, 2, 2], { dtype: 'int64' });
  crossEntropy(logits, target).backward();

  // Check any differentiable function against central finite differences (float64).
  gradcheck((a) => crossEntropy(a, target), [logits]);          // true, or throws naming the mismatch
  expect(gg.shape).toEqual([5]);
  expect(logits.grad!.shape).toEqual([4, 5]);
});
