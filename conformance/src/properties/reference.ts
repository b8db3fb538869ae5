// Plain reference semantics for the property tests: an n-d array is a shape plus a function from a
// multi-index to a value; views, broadcasting, reductions and matmul are index arithmetic in nested
// loops, independent of torchlet's strides and kernels.

export interface Ref {
  shape: number[];
  at: (idx: number[]) => number;
}

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Every multi-index of `shape` in row-major order. */
export function* indices(shape: readonly number[]): Generator<number[]> {
  const n = numel(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    yield [...idx];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

export function fromFlat(shape: number[], data: readonly number[]): Ref {
  return {
    shape,
    at: (idx) => {
      let flat = 0;
      for (let d = 0; d < shape.length; d++) flat = flat * shape[d] + idx[d];
      return data[flat];
    },
  };
}

export function materialize(r: Ref): number[] {
  return [...indices(r.shape)].map((i) => r.at(i));
}

export const transpose = (r: Ref, a: number, b: number): Ref => {
  const shape = [...r.shape];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  return { shape, at: (idx) => { const j = [...idx]; [j[a], j[b]] = [j[b], j[a]]; return r.at(j); } };
};

/** Result dim i is input dim perm[i]. */
export const permute = (r: Ref, perm: number[]): Ref => ({
  shape: perm.map((p) => r.shape[p]),
  at: (idx) => { const j = new Array<number>(perm.length); perm.forEach((p, i) => { j[p] = idx[i]; }); return r.at(j); },
});

export const slice = (r: Ref, dim: number, start: number, end: number, step: number): Ref => {
  const shape = [...r.shape];
  shape[dim] = Math.max(0, Math.ceil((end - start) / step));
  return { shape, at: (idx) => { const j = [...idx]; j[dim] = start + idx[dim] * step; return r.at(j); } };
};

/** Broadcast `r` to `shape` (NumPy rules: leading dims added, size-1 dims repeated). */
export const expand = (r: Ref, shape: number[]): Ref => {
  const lead = shape.length - r.shape.length;
  return {
    shape,
    at: (idx) => r.at(r.shape.map((s, d) => (s === 1 ? 0 : idx[d + lead]))),
  };
};

export function broadcastShape(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    return x === 1 ? y : x;
  });
}

export function binary(a: Ref, b: Ref, f: (x: number, y: number) => number): Ref {
  const shape = broadcastShape(a.shape, b.shape);
  const ea = expand(a, shape);
  const eb = expand(b, shape);
  return { shape, at: (idx) => f(ea.at(idx), eb.at(idx)) };
}

/** Reduce over `dims` (sorted, distinct) with `f` applied to the list of reduced values. */
export function reduce(r: Ref, dims: number[], keepdim: boolean, f: (values: number[]) => number): Ref {
  const keptShape = r.shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const shape = keepdim ? keptShape : r.shape.filter((_, d) => !dims.includes(d));
  const inner = dims.map((d) => r.shape[d]);
  return {
    shape,
    at: (idx) => {
      const full: number[] = [];
      let k = 0;
      for (let d = 0; d < r.shape.length; d++) {
        if (dims.includes(d)) full.push(0);
        else full.push(idx[keepdim ? d : k++]);
      }
      const values: number[] = [];
      for (const sub of indices(inner)) {
        const j = [...full];
        dims.forEach((d, i) => { j[d] = sub[i]; });
        values.push(r.at(j));
      }
      return f(values);
    },
  };
}

/** torch.matmul semantics for operands of at least one dim. */
export function matmul(a: Ref, b: Ref): Ref {
  const a2 = a.shape.length === 1 ? { shape: [1, a.shape[0]], at: (i: number[]) => a.at([i[i.length - 1]]) } : a;
  const b2 = b.shape.length === 1 ? { shape: [b.shape[0], 1], at: (i: number[]) => b.at([i[i.length - 2]]) } : b;
  const [m, k] = a2.shape.slice(-2);
  const n = b2.shape[b2.shape.length - 1];
  const batch = broadcastShape(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const batchOf = (shape: number[], idx: number[]): number[] => {
    const lead = batch.length - (shape.length - 2);
    return shape.slice(0, -2).map((s, d) => (s === 1 ? 0 : idx[d + lead]));
  };
  const full: Ref = {
    shape: [...batch, m, n],
    at: (idx) => {
      const bi = idx.slice(0, batch.length);
      const [i, j] = idx.slice(-2);
      let s = 0;
      for (let p = 0; p < k; p++) s += a2.at([...batchOf(a2.shape, bi), i, p]) * b2.at([...batchOf(b2.shape, bi), p, j]);
      return s;
    },
  };
  let shape = full.shape;
  if (a.shape.length === 1) shape = [...shape.slice(0, -2), n];
  if (b.shape.length === 1) shape = a.shape.length === 1 ? [...batch] : [...batch, m];
  return {
    shape,
    at: (idx) => {
      const bi = idx.slice(0, batch.length);
      const rest = idx.slice(batch.length);
      const i = a.shape.length === 1 ? 0 : rest[0];
      const j = b.shape.length === 1 ? 0 : rest[rest.length - 1];
      return full.at([...bi, i, j]);
    },
  };
}
