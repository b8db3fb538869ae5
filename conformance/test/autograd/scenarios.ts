// The torchlet side of generator/cases_autograd.py: one function per scenario, same steps.
import * as core from '@torchlet/tensor-core';
import type { Tensor } from '@torchlet/tensor-core';
import * as ag from '@torchlet/autograd';

export type Inputs = Record<string, Tensor>;
export type Results = Record<string, Tensor | null>;

const leaf = (t: Tensor): Tensor => t.detach().clone().requiresGrad_(true);

/** A fused cross entropy (mean) through defineCustomOp: d/dlogits = (softmax - onehot) / N. */
const fusedCrossEntropy = ag.defineCustomOp({
  name: 'FusedCrossEntropy',
  forward(ctx: ag.CustomOpContext<number>, logits: Tensor, target: Tensor) {
    const logp = core.logSoftmax(logits, 1);
    ctx.saveForBackward(logp, target);
    ctx.state = logits.shape[0];
    return logp.gather(1, target.unsqueeze(1)).mean().neg();
  },
  backward(ctx, g) {
    const [logp, target] = ctx.savedTensors;
    const onehot = core.oneHot(target, logp.shape[1]).to(logp.dtype);
    return [logp.exp().sub(onehot).mul(g).div(ctx.state!), null];
  },
});

/** Saves its second argument for backward (the in-place version check on custom ops). */
const savesSecond = ag.defineCustomOp({
  name: 'SavesSecond',
  forward(ctx: ag.CustomOpContext<undefined>, a: Tensor, b: Tensor) {
    ctx.saveForBackward(b);
    return core.mul(a, b);
  },
  backward(ctx, g) {
    const [b] = ctx.savedTensors;
    return [g.mul(b), null];
  },
});

export const SCENARIOS: Record<string, (inputs: Inputs) => Results> = {
  accumulate_two_backward({ x: x0, w: w0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    x.mul(w).sum().backward();
    x.exp().mul(w).pow(2).mean().backward();
    return { 'x.grad': x.grad, 'w.grad': w.grad };
  },
  accumulate_broadcast({ a: a0, b: b0 }) {
    const a = leaf(a0);
    const b = leaf(b0);
    a.mul(b).tanh().sum().backward();
    a.sub(b).pow(2).mean().backward();
    return { 'a.grad': a.grad, 'b.grad': b.grad };
  },
  retain_graph_twice({ x: x0, w: w0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    const y = x.tanh().mul(w).sum();
    y.backward(undefined, { retainGraph: true });
    const first = x.grad!.clone();
    y.backward();
    return { first, 'x.grad': x.grad, 'w.grad': w.grad };
  },
  retain_graph_error({ x: x0, w: w0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    const y = x.exp().mul(w).sum();
    y.backward();
    y.backward();
    return {};
  },
  implicit_grad_error({ x: x0 }) {
    leaf(x0).mul(2).backward();
    return {};
  },
  double_backward_cube({ x: x0 }) {
    const x = leaf(x0);
    const [g] = ag.grad(x.pow(3).sum(), x, { createGraph: true });
    const [gg] = ag.grad(g.sum(), x);
    return { g, gg };
  },
  double_backward_cross_entropy_hvp({ x: x0, v, target }) {
    const x = leaf(x0);
    const loss = x.logSoftmax(1).gather(1, target.unsqueeze(1)).mean().neg();
    const [g] = ag.grad(loss, x, { createGraph: true });
    const [hv] = ag.grad(g.mul(v).sum(), x);
    return { loss, g, hv };
  },
  double_backward_gradient_penalty({ x: x0, w: w0, b: b0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    const b = leaf(b0);
    const h = x.matmul(w.t()).add(b).tanh();
    const loss = h.pow(2).sum();
    const [gw] = ag.grad(loss, w, { createGraph: true });
    loss.add(gw.pow(2).sum()).backward();
    return { gw, 'x.grad': x.grad, 'w.grad': w.grad, 'b.grad': b.grad };
  },
  double_backward_softmax_var({ x: x0, v }) {
    const x = leaf(x0);
    const y = x.softmax(1).mul(x).var(1).sum().add(x.logsumexp(0).mean());
    const [g] = ag.grad(y, x, { createGraph: true });
    const [hv] = ag.grad(g, x, { gradOutputs: v });
    return { g, hv };
  },
  double_backward_backward_create_graph({ x: x0, w: w0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    x.sigmoid().mul(w).pow(2).sum().backward(undefined, { createGraph: true });
    const gx = x.grad!;
    x.grad = null;
    w.grad = null;
    gx.mul(gx).sum().backward();
    return { gx, 'x.grad': x.grad, 'w.grad': w.grad };
  },
  hook_leaf_scale({ x: x0, w }) {
    const x = leaf(x0);
    x.registerHook((g) => g.mul(2));
    x.mul(x).mul(w).sum().backward();
    return { 'x.grad': x.grad };
  },
  hook_nonleaf_and_retain_grad({ x: x0, w }) {
    const x = leaf(x0);
    const y = x.exp();
    y.retainGrad();
    y.registerHook((g) => g.mul(w));
    y.mul(y).sum().backward();
    return { 'y.grad': y.grad, 'x.grad': x.grad };
  },
  hook_before_retain_grad({ x: x0, w }) {
    const x = leaf(x0);
    const y = x.mul(3);
    y.registerHook((g) => g.add(w));
    y.retainGrad();
    y.mul(w).sum().backward();
    return { 'y.grad': y.grad, 'x.grad': x.grad };
  },
  grad_outputs_vjp({ x: x0, w: w0, v }) {
    const x = leaf(x0);
    const w = leaf(w0);
    const [gx, gw] = ag.grad(x.matmul(w), [x, w], { gradOutputs: v });
    return { gx, gw, 'x.grad': x.grad };
  },
  grad_several_outputs({ x: x0, v1, v2 }) {
    const x = leaf(x0);
    const [gx] = ag.grad([x.tanh(), x.mul(x).sum(0)], [x], { gradOutputs: [v1, v2] });
    return { gx };
  },
  grad_allow_unused({ x: x0, w: w0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    const [gx, gw] = ag.grad(x.mul(2).sum(), [x, w], { allowUnused: true });
    return { gx, gw };
  },
  grad_unused_error({ x: x0, w: w0 }) {
    ag.grad(leaf(x0).mul(2).sum(), [leaf(x0), leaf(w0)]);
    return {};
  },
  max_ties({ x: x0 }) {
    const x = leaf(x0);
    x.max().mul(3).backward();
    x.min().backward();
    return { 'x.grad': x.grad };
  },
  max_dim_ties({ x: x0 }) {
    const x = leaf(x0);
    x.max(1).values.sum().backward();
    return { 'x.grad': x.grad };
  },
  detach_and_no_grad({ x: x0 }) {
    const x = leaf(x0);
    const d = x.mul(2).detach();
    const z = ag.noGrad(() => x.mul(5));
    x.mul(d).add(z).sum().backward();
    return { 'x.grad': x.grad };
  },
  inplace_on_clone({ x: x0, w: w0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    const y = x.clone();
    y.mul_(w);
    y.add_(x, { alpha: -0.5 });
    y.exp_();
    y.mul(y).sum().backward();
    return { y, 'x.grad': x.grad, 'w.grad': w.grad };
  },
  custom_op_cross_entropy({ x: x0, target }) {
    const x = leaf(x0);
    const loss = fusedCrossEntropy(x, target);
    loss.backward();
    return { loss, 'x.grad': x.grad };
  },
  inplace_saved_input_error({ x: x0, w: w0 }) {
    const w = leaf(w0);
    const x = x0.clone();
    const y = w.mul(x);
    x.add_(1);
    y.sum().backward();
    return {};
  },
  inplace_view_of_saved_error({ x: x0, w: w0 }) {
    const w = leaf(w0);
    const x = x0.clone();
    const y = w.mul(x);
    x.narrow(0, 0, 2).add_(1);
    y.sum().backward();
    return {};
  },
  inplace_unsaved_step({ x, w: w0 }) {
    const w = leaf(w0);
    const y = w.mul(x);
    ag.noGrad(() => w.add_(1));
    y.sum().backward();
    return { 'w.grad': w.grad };
  },
  inplace_saved_output_error({ w: w0 }) {
    const w = leaf(w0);
    const y = w.exp();
    ag.noGrad(() => y.mul_(2));
    y.sum().backward();
    return {};
  },
  inplace_mm_weight_error({ x: x0, w: w0 }) {
    const x = leaf(x0);
    const w = leaf(w0);
    const y = x.mm(w);
    ag.noGrad(() => w.add_(1));
    y.sum().backward();
    return {};
  },
  custom_op_saved_inplace_error({ x: x0, w: w0 }) {
    const w = leaf(w0);
    const x = x0.clone();
    const y = savesSecond(w, x);
    x.add_(1);
    y.sum().backward();
    return {};
  },
  inplace_reduce_input_error({ x: x0 }) {
    const x = leaf(x0);
    const y = x.prod();
    ag.noGrad(() => x.mul_(2));
    y.backward();
    return {};
  },
  inplace_max_dim_input_ok({ x: x0 }) {
    const x = leaf(x0);
    const y = x.max(1).values;
    ag.noGrad(() => x.add_(1));
    y.sum().backward();
    return { 'x.grad': x.grad };
  },
  inplace_scatter_add_index_ok({ x: x0, w }) {
    const x = leaf(x0);
    const index = core.tensor([[0, 1, 2, 0]], { dtype: 'int64', device: x.device });
    const y = x.scatterAdd(0, index, w);
    index.fill_(1);
    y.sum().backward();
    return { 'x.grad': x.grad };
  },
  inplace_gather_input_error({ x: x0 }) {
    const x = leaf(x0);
    const y = x.gather(1, core.tensor([[0, 2], [1, 1]], { dtype: 'int64', device: x.device }));
    ag.noGrad(() => x.mul_(2));
    y.sum().backward();
    return {};
  },
  grad_wrt_nonleaf_with_hook({ x: x0, w }) {
    const x = leaf(x0);
    const h = x.sigmoid();
    h.registerHook((g) => g.mul(10));
    const [gh, gx] = ag.grad(h.mul(w).pow(2).sum(), [h, x]);
    return { gh, gx };
  },
  // ---- views and in-place writes ----
  view_inplace_column({ x: x0, w: w0 }) {
    const [x, w] = [leaf(x0), leaf(w0)];
    const y = x.mul(x).add(x);
    const v = y.select(1, 1);
    v.mul_(w);
    v.add_(0.5);
    y.mul(y).sum().add(v.sum()).backward();
    return { y, 'x.grad': x.grad, 'w.grad': w.grad };
  },
  view_inplace_view_of_view({ x: x0 }) {
    const x = leaf(x0);
    const y = x.exp().mul(1);
    y.t().narrow(0, 1, 2).mul_(2);
    y.pow(2).sum().backward();
    return { y, 'x.grad': x.grad };
  },
  view_copy_fill_zero({ x: x0, s: s0 }) {
    const [x, s] = [leaf(x0), leaf(s0)];
    const y = x.mul(2);
    y.narrow(0, 0, 1).copy_(s);
    y.select(1, 3).fill_(1.5);
    y.narrow(0, 2, 1).narrow(1, 0, 2).zero_();
    y.exp().sum().backward();
    return { y, 'x.grad': x.grad, 's.grad': s.grad };
  },
  view_inplace_into_buffer({ x: x0 }) {
    const x = leaf(x0);
    const b = core.zeros([2, 3], { dtype: x.dtype, device: x.device });
    b.select(0, 1).add_(x);
    b.select(0, 0).copy_(x.mul(3));
    b.mul(b).sum().backward();
    return { b, 'x.grad': x.grad };
  },
  view_stale_after_base_inplace({ x: x0, w }) {
    const x = leaf(x0);
    const y = x.mul(2);
    const v = y.narrow(0, 0, 2);
    y.mul_(w);
    v.sum().backward();
    return { v, 'x.grad': x.grad };
  },
  view_sibling_after_view_inplace({ x: x0 }) {
    const x = leaf(x0);
    const y = x.mul(x).add(x);
    const a = y.narrow(0, 0, 3);
    const b = y.narrow(0, 2, 3);
    a.mul_(3);
    b.mul(b).sum().add(a.sum()).backward();
    return { 'x.grad': x.grad };
  },
  view_of_param_after_step({ x, w: w0 }) {
    const w = leaf(w0);
    const wt = w.t();
    ag.noGrad(() => w.add_(1));
    wt.mul(x).sum().backward();
    return { 'w.grad': w.grad };
  },
  view_expand_after_base_inplace({ x: x0 }) {
    const x = leaf(x0);
    const y = x.mul(1);
    const e = y.unsqueeze(0).expand(3, 4);
    y.mul_(2);
    e.pow(2).sum().backward();
    return { 'x.grad': x.grad };
  },
  retain_grad_after_inplace({ x: x0, w }) {
    const x = leaf(x0);
    const y = x.mul(2);
    y.retainGrad();
    y.mul_(w);
    y.sum().backward();
    return { 'y.grad': y.grad, 'x.grad': x.grad };
  },
  retain_grad_view_after_base_inplace({ x: x0, w }) {
    const x = leaf(x0);
    const y = x.mul(2);
    const v = y.narrow(0, 0, 2);
    v.retainGrad();
    y.mul_(w);
    v.mul(v).sum().backward();
    return { 'v.grad': v.grad, 'x.grad': x.grad };
  },
  retain_grad_view_inplace_unused({ x: x0 }) {
    const x = leaf(x0);
    const y = x.mul(2);
    const v = y.narrow(0, 0, 2);
    v.retainGrad();
    v.mul_(3);
    y.sum().backward();
    return { 'v.grad': v.grad, 'x.grad': x.grad };
  },
  retain_grad_base_after_view_inplace({ x: x0, w }) {
    const x = leaf(x0);
    const y = x.mul(2);
    y.retainGrad();
    y.narrow(0, 0, 2).mul_(w.narrow(0, 0, 2));
    y.mul(y).sum().backward();
    return { 'y.grad': y.grad, 'x.grad': x.grad };
  },
  view_of_leaf_inplace_error({ x: x0 }) {
    leaf(x0).narrow(0, 0, 1).add_(1);
    return {};
  },
  view_made_leaf_inplace_error({ x }) {
    const v = core.zeros([4], { dtype: x.dtype, device: x.device }).narrow(0, 0, 2);
    v.requiresGrad = true;
    v.mul_(2);
    return {};
  },
  view_before_base_requires_grad_inplace_error({ x }) {
    const b = core.zeros([4], { dtype: x.dtype, device: x.device });
    const v = b.narrow(0, 0, 2);
    b.requiresGrad = true;
    v.mul_(2);
    return {};
  },
  view_split_output_inplace_error({ x: x0 }) {
    leaf(x0).mul(1).split(2)[1].mul_(2);
    return {};
  },
  view_unbind_output_inplace_error({ x: x0 }) {
    leaf(x0).mul(1).unbind(1)[1].zero_();
    return {};
  },
  view_no_grad_inplace_error({ x: x0 }) {
    const y = leaf(x0).mul(1);
    const v = ag.noGrad(() => y.narrow(0, 0, 2));
    v.mul_(2);
    return {};
  },
};
