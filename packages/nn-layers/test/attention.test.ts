// MultiheadAttention and the transformer encoder against references the tests derive: attention
// computed head by head with plain loops, masks as -inf scores, encoder clones; gradcheck in
// float64; and argument checks. PyTorch's values: conformance/test/nn-layers/attention.test.ts.
import { describe, expect, it } from 'vitest';
import { gradcheck, noGrad } from '@torchlet/autograd';
import { ShapeError, ValueError, manualSeed, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { MultiheadAttention, TransformerEncoder, TransformerEncoderLayer } from '../src/index.js';

type M = number[][];
const mat = (t: Tensor): M => t.tolist() as M;
const mm = (a: M, b: M): M => a.map((r) => b[0].map((_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));
const tr = (a: M): M => a[0].map((_, j) => a.map((r) => r[j]));
const addRow = (a: M, b: number[]): M => a.map((r) => r.map((v, j) => v + b[j]));

/** softmax(q k^T / sqrt(d) + mask) v per head, then the out-projection: plain loops over one batch element. */
function reference(m: MultiheadAttention, x: M, mask: boolean[] | null): { out: M; weights: M } {
  const e = m.embedDim;
  const h = m.numHeads;
  const d = e / h;
  const w = mat(m.getParameter('in_proj_weight') as Tensor);
  const b = (m.getParameter('in_proj_bias') as Tensor).tolist() as number[];
  const proj = (i: number) => addRow(mm(x, tr(w.slice(i * e, (i + 1) * e))), b.slice(i * e, (i + 1) * e));
  const [q, k, v] = [proj(0), proj(1), proj(2)];
  const heads: M = x.map(() => []);
  const avg: M = x.map(() => x.map(() => 0));
  for (let head = 0; head < h; head++) {
    const cols = (a: M) => a.map((r) => r.slice(head * d, (head + 1) * d));
    const scores = mm(cols(q), tr(cols(k))).map((r) => r.map((s, j) => (mask?.[j] ? -Infinity : s / Math.sqrt(d))));
    const p = scores.map((r) => {
      const mx = Math.max(...r);
      const ex = r.map((s) => Math.exp(s - mx));
      const z = ex.reduce((s, v2) => s + v2, 0);
      return ex.map((v2) => v2 / z);
    });
    p.forEach((r, i) => r.forEach((v2, j) => (avg[i][j] += v2 / h)));
    mm(p, cols(v)).forEach((r, i) => heads[i].push(...r));
  }
  const out = addRow(mm(heads, tr(mat(m.outProj.weight))), (m.outProj.bias as Tensor).tolist() as number[]);
  return { out, weights: avg };
}

function close(a: M, b: M): void {
  a.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - b[i][j])).toBeLessThan(1e-12)));
}

describe('MultiheadAttention against plain loops (float64)', () => {
  it('self-attention with a key padding mask, batch element by batch element', () => {
    manualSeed(1);
    const m = new MultiheadAttention(6, 3, { dtype: 'float64', batchFirst: true });
    noGrad(() => {
      for (const p of m.parameters()) p.copy_(randn(p.shape, { dtype: 'float64' }).mul(0.5));
    });
    const x = randn([2, 4, 6], { dtype: 'float64' });
    const kpm = tensor([[false, false, true, false], [false, true, true, false]]);
    const [out, weights] = m.forward(x, x, x, { keyPaddingMask: kpm });
    const masks = kpm.tolist() as boolean[][];
    for (let n = 0; n < 2; n++) {
      const r = reference(m, mat(x.select(0, n)), masks[n].map(Boolean));
      close(mat(out.select(0, n)), r.out);
      close(mat((weights as Tensor).select(0, n)), r.weights);
    }
  });

  it('gradcheck: cross-attention with bias_kv, zero attention and a float mask', () => {
    manualSeed(2);
    const m = new MultiheadAttention(4, 2, { dtype: 'float64', addBiasKV: true, addZeroAttn: true, kdim: 3, vdim: 5 });
    const q = randn([3, 2, 4], { dtype: 'float64', requiresGrad: true });
    const k = randn([5, 2, 3], { dtype: 'float64', requiresGrad: true });
    const v = randn([5, 2, 5], { dtype: 'float64', requiresGrad: true });
    const mask = randn([3, 5], { dtype: 'float64' });
    expect(gradcheck((a, b, c) => m.forward(a, b, c, { attnMask: mask, averageAttnWeights: false }) as [Tensor, Tensor], [q, k, v])).toBe(true);
  });
});

describe('transformer encoder', () => {
  it("TransformerEncoder starts each layer from the given layer's weights, as separate parameters", () => {
    const layer = new TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
    const enc = new TransformerEncoder(layer, 2);
    const sd = enc.stateDict();
    for (const [k, v] of Object.entries(layer.stateDict())) {
      expect(sd[`layers.0.${k}`].tolist()).toEqual(v.tolist());
      expect(sd[`layers.1.${k}`].tolist()).toEqual(v.tolist());
    }
    const params = [...enc.parameters()];
    expect(new Set(params).size).toBe(params.length);
    expect(params.some((p) => [...layer.parameters()].includes(p))).toBe(false);
  });

  it('a causal mask makes each position independent of later ones', () => {
    manualSeed(3);
    const layer = new TransformerEncoderLayer(4, 2, { dimFeedforward: 8, dropout: 0, dtype: 'float64' });
    const x = randn([5, 1, 4], { dtype: 'float64' });
    const causal = tensor([0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => j > i)));
    const y = layer.forward(x, { srcMask: causal });
    const prefix = layer.forward(x.narrow(0, 0, 3), { srcMask: causal.narrow(0, 0, 3).narrow(1, 0, 3) });
    close(mat(y.narrow(0, 0, 3).squeeze(1)), mat(prefix.squeeze(1)));
  });
});

describe('argument checks', () => {
  it('options and shapes', () => {
    expect(() => new MultiheadAttention(6, 4)).toThrow(/divisible by num_heads/);
    expect(() => new MultiheadAttention(6, 2, { add_bias_kv: true } as never)).toThrow(ValueError);
    expect(() => new TransformerEncoderLayer(6, 2, { dim_feedforward: 8 } as never)).toThrow(ValueError);
    expect(() => new TransformerEncoderLayer(6, 2, { activation: 'tanh' as never })).toThrow(/relu\/gelu/);
    expect(() => new TransformerEncoder(new TransformerEncoderLayer(6, 2), 2, { enableNestedTensor: true })).toThrow(ValueError);
    const m = new MultiheadAttention(6, 2);
    const x = randn([4, 2, 6]);
    expect(() => m.forward(x, x, x, { attnMask: randn([4, 3]) })).toThrow(/2D attn_mask/);
    expect(() => m.forward(x, x, x, { keyPaddingMask: tensor([[true, false]]) })).toThrow(ShapeError);
    expect(() => m.forward(randn([4, 2, 5]), x, x)).toThrow(/embedding dimension/);
    expect(() => m.forward(x, x, x, { need_weights: false } as never)).toThrow(ValueError);
  });
});
