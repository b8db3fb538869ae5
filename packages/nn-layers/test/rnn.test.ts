// Recurrent cells and layers, checked against references the tests derive: a plain-loop LSTM and
// GRU cell, stacked bidirectional layers rebuilt from cells, packed batches against each sequence
// run alone, gradcheck in float64; and argument checks. PyTorch's values: conformance/test/nn-layers/rnn*.
import { describe, expect, it } from 'vitest';
import { gradcheck, noGrad } from '@torchlet/autograd';
import { ShapeError, TorchletError, ValueError, cat, manualSeed, randn, stack, type Tensor } from '@torchlet/tensor-core';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell, utils } from '../src/index.js';
import { splitRows } from '../src/rnn/recurrence.js';

const rows = (t: Tensor): number[][] => t.tolist() as number[][];
const sig = (v: number): number => 1 / (1 + Math.exp(-v));

/** Gate pre-activations x W_ih^T + b_ih + h W_hh^T + b_hh for one sample, as plain loops. */
function gates(x: number[], h: number[], wIh: number[][], wHh: number[][], bIh: number[], bHh: number[]): { xi: number[]; hh: number[] } {
  const xi = wIh.map((w, j) => w.reduce((s, v, k) => s + v * x[k], bIh[j]));
  const hh = wHh.map((w, j) => w.reduce((s, v, k) => s + v * h[k], bHh[j]));
  return { xi, hh };
}

function expectClose(actual: Tensor, expected: number[][], tol = 1e-12): void {
  rows(actual).forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(tol)));
}

describe('cells against plain loops (float64)', () => {
  it('LSTMCell: i, f, g, o; c = f c + i g; h = o tanh(c)', () => {
    manualSeed(1);
    const cell = new LSTMCell(3, 2, { dtype: 'float64' });
    const x = randn([4, 3], { dtype: 'float64' });
    const h = randn([4, 2], { dtype: 'float64' });
    const c = randn([4, 2], { dtype: 'float64' });
    const [h1, c1] = cell.forward(x, [h, c]);
    const p = [cell.weight_ih, cell.weight_hh].map(rows);
    const b = [cell.bias_ih, cell.bias_hh].map((t) => (t as Tensor).tolist() as number[]);
    const eh: number[][] = [];
    const ec: number[][] = [];
    rows(x).forEach((xr, n) => {
      const { xi, hh } = gates(xr, rows(h)[n], p[0], p[1], b[0], b[1]);
      const g = xi.map((v, j) => v + hh[j]);
      const cn = [0, 1].map((k) => sig(g[2 + k]) * rows(c)[n][k] + sig(g[k]) * Math.tanh(g[4 + k]));
      ec.push(cn);
      eh.push([0, 1].map((k) => sig(g[6 + k]) * Math.tanh(cn[k])));
    });
    expectClose(h1, eh);
    expectClose(c1, ec);
  });

  it('GRUCell: r, z, n with n = tanh(x_n + r (h W_hn^T + b_hn)); h = (1 - z) n + z h', () => {
    manualSeed(2);
    const cell = new GRUCell(3, 2, { dtype: 'float64' });
    const x = randn([4, 3], { dtype: 'float64' });
    const h = randn([4, 2], { dtype: 'float64' });
    const h1 = cell.forward(x, h);
    const p = [cell.weight_ih, cell.weight_hh].map(rows);
    const b = [cell.bias_ih, cell.bias_hh].map((t) => (t as Tensor).tolist() as number[]);
    const expected = rows(x).map((xr, n) => {
      const { xi, hh } = gates(xr, rows(h)[n], p[0], p[1], b[0], b[1]);
      return [0, 1].map((k) => {
        const r = sig(xi[k] + hh[k]);
        const z = sig(xi[2 + k] + hh[2 + k]);
        const nn = Math.tanh(xi[4 + k] + r * hh[4 + k]);
        return (1 - z) * nn + z * rows(h)[n][k];
      });
    });
    expectClose(h1, expected);
  });

  it('RNNCell relu and unbatched inputs', () => {
    const cell = new RNNCell(3, 4, { nonlinearity: 'relu', dtype: 'float64' });
    const x = randn([3], { dtype: 'float64' });
    const h = cell.forward(x);
    expect(h.shape).toEqual([4]);
    expect((h.tolist() as number[]).every((v) => v >= 0)).toBe(true);
    expectClose(h.unsqueeze(0), rows(cell.forward(x.unsqueeze(0))), 0);
  });
});

describe('layers rebuilt from cells', () => {
  it('a 2-layer bidirectional LSTM with projection is its cells, step by step', () => {
    manualSeed(3);
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true, projSize: 2, batchFirst: true, dtype: 'float64' });
    const x = randn([2, 5, 3], { dtype: 'float64' });
    const [y, [hn, cn]] = lstm.forward(x);
    expect(y.shape).toEqual([2, 5, 4]);
    expect(hn.shape).toEqual([4, 2, 2]);
    expect(cn.shape).toEqual([4, 2, 4]);
    const p = (name: string): Tensor => lstm.getParameter(name) as Tensor;
    noGrad(() => {
      let input = x.transpose(0, 1); // [T, B, in]
      for (let layer = 0; layer < 2; layer++) {
        const outs: Tensor[] = [];
        for (const [d, suffix] of [`_l${layer}`, `_l${layer}_reverse`].entries()) {
          let h = randn([2, 2], { dtype: 'float64' }).mul(0);
          let c = randn([2, 4], { dtype: 'float64' }).mul(0);
          const steps: Tensor[] = new Array<Tensor>(5);
          for (let i = 0; i < 5; i++) {
            const t = d === 0 ? i : 4 - i;
            const g = input.select(0, t).matmul(p(`weight_ih${suffix}`).t()).add(p(`bias_ih${suffix}`)).add(h.matmul(p(`weight_hh${suffix}`).t())).add(p(`bias_hh${suffix}`));
            const [ig, fg, gg, og] = g.chunk(4, 1);
            c = fg.sigmoid().mul(c).add(ig.sigmoid().mul(gg.tanh()));
            h = og.sigmoid().mul(c.tanh()).matmul(p(`weight_hr${suffix}`).t());
            steps[t] = h;
          }
          outs.push(stack(steps, 0));
          expectClose(hn.select(0, layer * 2 + d), rows(h));
          expectClose(cn.select(0, layer * 2 + d), rows(c));
        }
        input = cat(outs, 2);
      }
      expectClose(y.reshape([10, 4]), rows(input.transpose(0, 1).reshape([10, 4])));
    });
  });

  it('a packed batch gives each sequence its own run (unsorted, bidirectional GRU)', () => {
    manualSeed(4);
    const gru = new GRU(2, 3, { bidirectional: true, numLayers: 2, dtype: 'float64' });
    const lengths = [2, 4, 1];
    const seqs = lengths.map((n) => randn([n, 2], { dtype: 'float64' }));
    const h0 = randn([4, 3, 3], { dtype: 'float64' });
    const packed = utils.rnn.packSequence(seqs, { enforceSorted: false });
    const [out, hn] = gru.forward(packed, h0);
    const [padded, outLengths] = utils.rnn.padPackedSequence(out);
    expect(outLengths.tolist()).toEqual(lengths);
    seqs.forEach((s, b) => {
      const [alone, hAlone] = gru.forward(s, h0.select(1, b));
      expectClose(padded.select(1, b).narrow(0, 0, lengths[b]), rows(alone));
      expectClose(hn.select(1, b), rows(hAlone));
      expect((padded.select(1, b).narrow(0, lengths[b], 4 - lengths[b]).abs().sum().item())).toBe(0);
    });
  });

  it('gradcheck through packed, bidirectional LSTM and RNN layers (float64)', () => {
    manualSeed(5);
    const lstm = new LSTM(2, 3, { bidirectional: true, projSize: 2, dtype: 'float64' });
    const x = randn([3, 2, 2], { dtype: 'float64', requiresGrad: true });
    const h0 = randn([2, 2, 2], { dtype: 'float64', requiresGrad: true });
    const c0 = randn([2, 2, 3], { dtype: 'float64', requiresGrad: true });
    expect(
      gradcheck((xx, hh, cc) => {
        const [y, [h, c]] = lstm.forward(utils.rnn.packPaddedSequence(xx, [3, 2]), [hh, cc]);
        return [y.data, h, c];
      }, [x, h0, c0]),
    ).toBe(true);
    const rnn = new RNN(2, 3, { numLayers: 2, dtype: 'float64' });
    expect(gradcheck((xx) => rnn.forward(xx)[0], [x])).toBe(true);
  });
});

describe('splitRows', () => {
  it("cuts row blocks by halves with split's values and gradients, bit for bit", () => {
    const sizes = [4, 4, 3, 3, 3, 2, 1];
    const a = randn([20, 5], { requiresGrad: true });
    const b = a.detach().requiresGrad_(true);
    const g = sizes.map((n) => randn([n, 5]));
    const pieces = splitRows(a, sizes);
    const reference = b.split(sizes, 0);
    pieces.forEach((p, i) => expect(p.tolist()).toEqual(reference[i].tolist()));
    pieces.reduce((s: Tensor | null, p, i) => (s ? s.add(p.mul(g[i]).sum()) : p.mul(g[i]).sum()), null)?.backward();
    reference.reduce((s: Tensor | null, p, i) => (s ? s.add(p.mul(g[i]).sum()) : p.mul(g[i]).sum()), null)?.backward();
    expect(a.grad?.tolist()).toEqual(b.grad?.tolist());
  });
});

describe('argument checks', () => {
  it('options objects reject unknown keys', () => {
    expect(() => new LSTM(2, 3, { num_layers: 2 } as never)).toThrow(/unexpected option 'num_layers'/);
    expect(() => new GRU(2, 3, { projSize: 1 } as never)).toThrow(ValueError);
    expect(() => new RNNCell(2, 3, { batchFirst: true } as never)).toThrow(ValueError);
    expect(() => new LSTMCell(2, 3, { nonlinearity: 'relu' } as never)).toThrow(ValueError);
    expect(() => utils.rnn.padSequence([randn([2])], { batch_first: true } as never)).toThrow(ValueError);
  });

  it("PyTorch's constructor errors", () => {
    expect(() => new RNN(2, 3, { nonlinearity: 'gelu' as never })).toThrow(ValueError);
    expect(() => new LSTM(2, 3, { projSize: 3 })).toThrow(/proj_size has to be smaller than hidden_size/);
    expect(() => new LSTM(2, 3, { dropout: 1.5 })).toThrow(/dropout should be a number in range/);
    expect(() => new GRU(2, 3, { numLayers: 0 })).toThrow(ValueError);
  });

  it('input and state shapes and dtypes', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2 });
    expect(() => lstm.forward(randn([5, 2, 2]))).toThrow(/Expected 3, got 2/);
    expect(() => lstm.forward(randn([3]))).toThrow(ShapeError);
    expect(() => lstm.forward(randn([5, 2, 3]), [randn([1, 2, 4]), randn([2, 2, 4])])).toThrow(ShapeError);
    expect(() => lstm.forward(randn([5, 3]), [randn([2, 1, 4]), randn([2, 1, 4])])).toThrow(/unbatched/);
    expect(() => lstm.forward(randn([5, 2, 3], { dtype: 'float64' }))).toThrow(TorchletError);
    const cell = new GRUCell(3, 4);
    expect(() => cell.forward(randn([2, 5]))).toThrow(/inconsistent input_size/);
    expect(() => cell.forward(randn([2, 3]), randn([3, 4]))).toThrow(ShapeError);
  });

  it('packing errors', () => {
    const x = randn([4, 3, 2]);
    expect(() => utils.rnn.packPaddedSequence(x, [2, 4, 1])).toThrow(/sorted in decreasing order/);
    expect(() => utils.rnn.packPaddedSequence(x, [4, 2, 0])).toThrow(/greater than 0/);
    expect(() => utils.rnn.packPaddedSequence(x, [4, 2])).toThrow(/batch_size/);
    expect(() => utils.rnn.padPackedSequence(utils.rnn.packPaddedSequence(x, [4, 2, 1]), { totalLength: 3 })).toThrow(/total_length/);
  });

  it('flattenParameters is accepted (a no-op) so ported code runs', () => {
    const gru = new GRU(2, 3);
    const before = [...gru.parameters()];
    gru.flattenParameters();
    expect([...gru.parameters()]).toEqual(before);
  });

  it('reprs as PyTorch prints them', () => {
    expect(new LSTM(3, 4, { numLayers: 2, projSize: 2, bidirectional: true, dropout: 0.5 }).toString()).toBe(
      'LSTM(3, 4, proj_size=2, num_layers=2, dropout=0.5, bidirectional=True)',
    );
    expect(new GRUCell(3, 4, { bias: false }).toString()).toBe('GRUCell(3, 4, bias=False)');
    expect(new RNNCell(3, 4, { nonlinearity: 'relu' }).toString()).toBe('RNNCell(3, 4, nonlinearity=relu)');
  });
});
