// WebAssembly SIMD kernels for @torchlet/tensor-core's wasm backend (AssemblyScript 0.28).
// Built twice by scripts/build-wasm.mjs: plain SIMD, and with relaxed-SIMD (fused multiply-add) for
// engines that validate it. Every pointer is a byte offset into this module's memory; the JS side
// (src/backend/wasm/) copies operands in, calls one kernel, and copies the result out. Runtime: stub
// (no allocator, no GC): the JS side lays buffers out above __heap_base.
//
// Numerics: float32 in and out. matmul accumulates in float32 (like PyTorch's CPU BLAS); softmax /
// log-softmax / cross entropy sum their exps in float64; exp is a vectorised cephes expf (within
// about 1 ulp), lanes outside its range go through the scalar Mathf.exp.

/** First byte free for the JS side's buffers (64-byte aligned). */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}

// ---- helpers ------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// ---- matmul ---------------------------------------------------------------------------------------
// C[m, n] = A[m, k] . B[k, n] with element strides (A: as0, as1; B: bs0, bs1), C contiguous.
// B is packed per (KC x NC) block into panels 16 columns wide (zero padded), each panel row p at
// panel + (jp * kc + p) * 64 bytes; a 2 x 16 register tile (8 accumulators, 4 B vectors, 2 A
// broadcasts) walks a panel for two rows of A, and each panel meets every row pair of A before the
// next panel (the panel stays in L1, A streams).

const KC: i32 = 256;
const NC: i32 = 512;

/** Bytes of the packed copy of a k x n B (every KC x NC block's 16-wide panels, zero padded). */
export function packedBBytes(k: i32, n: i32): i32 {
  return k * ((n + 15) & ~15) * 4 + 64;
}

/** Kept for callers that size one buffer: the packed B plus room for edge tiles. */
export function matmulScratchBytes(k: i32, n: i32): i32 {
  return packedBBytes(k, n) + 256;
}

/**
 * Pack all of B once: block (pc, jc) sits at packed + (pc * nPad + jc * kc) * 4 bytes, nPad = n
 * rounded up to 16, kc = min(KC, k - pc); shared read-only by every thread's row blocks.
 */
export function packBAll(b: usize, bs0: i32, bs1: i32, k: i32, n: i32, packed: usize): void {
  const nPad = (n + 15) & ~15;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    for (let jc = 0; jc < n; jc += NC) {
      packB(b, bs0, bs1, pc, jc, kc, min(NC, n - jc), packed + (<usize>pc * nPad + <usize>jc * kc) * 4);
    }
  }
}

/** C[m, n] (contiguous, rows of n) = A[m, k] . B with B already packed by packBAll; tmp: 64 bytes. */
export function matmulPacked(a: usize, as0: i32, as1: i32, packed: usize, c: usize, m: i32, k: i32, n: i32, tmp: usize): void {
  memory.fill(c, 0, <usize>m * <usize>n * 4);
  if (m == 0 || n == 0 || k == 0) return;
  const nPad = (n + 15) & ~15;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    for (let jc = 0; jc < n; jc += NC) {
      const nc = min(NC, n - jc);
      const panel = packed + (<usize>pc * nPad + <usize>jc * kc) * 4;
      const panels = (nc + 15) >> 4;
      // one 16-wide panel of B (kc x 16, 16 KB at most: stays in L1) against every row pair of A
      for (let jp = 0; jp < panels; jp++) {
        const j = jc + (jp << 4);
        const width = min(16, n - j);
        const pp = panel + <usize>jp * kc * 64;
        let i = 0;
        for (; i + 1 < m; i += 2) {
          const a0 = a + (<usize>i * as0 + <usize>pc * as1) * 4;
          tile2x16(a0, a0 + <usize>as0 * 4, as1, pp, kc, c + (<usize>i * n + j) * 4, n, width, tmp);
        }
        if (i < m) tile1x16(a + (<usize>i * as0 + <usize>pc * as1) * 4, as1, pp, kc, c + (<usize>i * n + j) * 4, width, tmp);
      }
    }
  }
}

/** C = A B on one thread: pack B into `scratch` (matmulScratchBytes), then multiply. */
export function matmul(
  a: usize, as0: i32, as1: i32,
  b: usize, bs0: i32, bs1: i32,
  c: usize, m: i32, k: i32, n: i32,
  scratch: usize,
): void {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    memory.fill(c, 0, <usize>m * <usize>n * 4);
    return;
  }
  packBAll(b, bs0, bs1, k, n, scratch);
  matmulPacked(a, as0, as1, scratch, c, m, k, n, scratch + <usize>packedBBytes(k, n));
}

/**
 * Columns [16 * p0, min(16 * p1, n)) of C = A B (C contiguous, rows of n), packing B as it goes: for
 * each KC block of k, each 16-wide panel of those columns is packed into `scratch` (KC x 16 floats,
 * 16 KB: stays in L1) and met by every row pair of A. A thread given a range of panels packs only
 * its own part of B, so splitting a matmul by columns needs no shared packing pass. The sums are
 * the same, in the same order, as matmulPacked's (bit-identical results).
 */
export function matmulColumns(
  a: usize, as0: i32, as1: i32,
  b: usize, bs0: i32, bs1: i32,
  c: usize, m: i32, k: i32, n: i32,
  p0: i32, p1: i32, scratch: usize,
): void {
  const j0 = p0 << 4;
  const j1 = min(p1 << 4, n);
  if (j1 <= j0 || m == 0) return;
  const bytes = <usize>(j1 - j0) * 4;
  for (let i = 0; i < m; i++) memory.fill(c + (<usize>i * n + j0) * 4, 0, bytes);
  const tmp = scratch + <usize>KC * 64;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    for (let j = j0; j < j1; j += 16) {
      const width = min(16, j1 - j);
      packB(b, bs0, bs1, pc, j, kc, width, scratch);
      let i = 0;
      for (; i + 1 < m; i += 2) {
        const a0 = a + (<usize>i * as0 + <usize>pc * as1) * 4;
        tile2x16(a0, a0 + <usize>as0 * 4, as1, scratch, kc, c + (<usize>i * n + j) * 4, n, width, tmp);
      }
      if (i < m) tile1x16(a + (<usize>i * as0 + <usize>pc * as1) * 4, as1, scratch, kc, c + (<usize>i * n + j) * 4, width, tmp);
    }
  }
}

/** Scratch bytes of one matmulColumns call: a packed KC x 16 panel plus 64 bytes for edge tiles. */
export function matmulColumnsScratchBytes(): i32 {
  return KC * 64 + 64;
}

function packB(b: usize, bs0: i32, bs1: i32, pc: i32, jc: i32, kc: i32, nc: i32, panel: usize): void {
  const panels = (nc + 15) >> 4;
  for (let jp = 0; jp < panels; jp++) {
    const j0 = jc + (jp << 4);
    const width = min(16, jc + nc - j0);
    let dst = panel + <usize>jp * kc * 64;
    if (bs1 == 1 && width == 16) {
      for (let p = 0; p < kc; p++) {
        const src = b + (<usize>(pc + p) * bs0 + <usize>j0) * 4;
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        v128.store(dst, v128.load(src, 32), 32);
        v128.store(dst, v128.load(src, 48), 48);
        dst += 64;
      }
    } else if (bs0 == 1 && width == 16) {
      // B is a transposed view (x @ w.t()): panel column q is a contiguous run of w's row j0 + q.
      // 4 x 4 blocks: four values down each of four columns, transposed into four panel rows
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        for (let q = 0; q < 16; q += 4) {
          const col = b + (<usize>(j0 + q) * bs1 + <usize>(pc + p)) * 4;
          const step = <usize>bs1 * 4;
          const c0 = v128.load(col);
          const c1 = v128.load(col + step);
          const c2 = v128.load(col + step * 2);
          const c3 = v128.load(col + step * 3);
          const t0 = v128.shuffle<i32>(c0, c1, 0, 4, 1, 5); // (c0[0], c1[0], c0[1], c1[1])
          const t1 = v128.shuffle<i32>(c2, c3, 0, 4, 1, 5);
          const t2 = v128.shuffle<i32>(c0, c1, 2, 6, 3, 7);
          const t3 = v128.shuffle<i32>(c2, c3, 2, 6, 3, 7);
          const d = dst + (<usize>p << 6) + (<usize>q << 2);
          v128.store(d, v128.shuffle<i64>(t0, t1, 0, 2));
          v128.store(d + 64, v128.shuffle<i64>(t0, t1, 1, 3));
          v128.store(d + 128, v128.shuffle<i64>(t2, t3, 0, 2));
          v128.store(d + 192, v128.shuffle<i64>(t2, t3, 1, 3));
        }
      }
      for (; p < kc; p++) {
        for (let q = 0; q < 16; q++) store<f32>(dst + (<usize>p << 6) + (<usize>q << 2), load<f32>(b + (<usize>(j0 + q) * bs1 + <usize>(pc + p)) * 4));
      }
    } else if (bs0 == 1) {
      // a transposed B's last, narrower panel: each panel column is a contiguous run of w's row
      for (let q = 0; q < 16; q++) {
        let d = dst + (<usize>q << 2);
        if (q < width) {
          const col = b + (<usize>(j0 + q) * bs1 + <usize>pc) * 4;
          for (let p = 0; p < kc; p++) {
            store<f32>(d, load<f32>(col + (<usize>p << 2)));
            d += 64;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(d, 0);
            d += 64;
          }
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const row = b + (<usize>(pc + p) * bs0) * 4;
        for (let q = 0; q < 16; q++) {
          store<f32>(dst + (<usize>q << 2), q < width ? load<f32>(row + <usize>(j0 + q) * bs1 * 4) : 0);
        }
        dst += 64;
      }
    }
  }
}

// @ts-ignore: decorator
@inline function storeTile(c: usize, v0: v128, v1: v128, v2: v128, v3: v128, width: i32, tmp: usize): void {
  if (width == 16) {
    v128.store(c, f32x4.add(v128.load(c), v0));
    v128.store(c, f32x4.add(v128.load(c, 16), v1), 16);
    v128.store(c, f32x4.add(v128.load(c, 32), v2), 32);
    v128.store(c, f32x4.add(v128.load(c, 48), v3), 48);
  } else {
    v128.store(tmp, v0);
    v128.store(tmp, v1, 16);
    v128.store(tmp, v2, 32);
    v128.store(tmp, v3, 48);
    for (let q = 0; q < width; q++) {
      const p = c + (<usize>q << 2);
      store<f32>(p, load<f32>(p) + load<f32>(tmp + (<usize>q << 2)));
    }
  }
}

function tile2x16(a0: usize, a1: usize, as1: i32, panel: usize, kc: i32, c: usize, n: i32, width: i32, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
  const step = <usize>as1 * 4;
  let pa0 = a0, pa1 = a1, pb = panel;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const b2 = v128.load(pb, 32);
    const b3 = v128.load(pb, 48);
    const x0 = v128.load32_splat(pa0);
    const x1 = v128.load32_splat(pa1);
    c00 = madd(x0, b0, c00);
    c01 = madd(x0, b1, c01);
    c02 = madd(x0, b2, c02);
    c03 = madd(x0, b3, c03);
    c10 = madd(x1, b0, c10);
    c11 = madd(x1, b1, c11);
    c12 = madd(x1, b2, c12);
    c13 = madd(x1, b3, c13);
    pa0 += step;
    pa1 += step;
    pb += 64;
  }
  storeTile(c, c00, c01, c02, c03, width, tmp);
  storeTile(c + <usize>n * 4, c10, c11, c12, c13, width, tmp);
}

function tile1x16(a0: usize, as1: i32, panel: usize, kc: i32, c: usize, width: i32, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
  const step = <usize>as1 * 4;
  let pa0 = a0, pb = panel;
  for (let p = 0; p < kc; p++) {
    const x0 = v128.load32_splat(pa0);
    c00 = madd(x0, v128.load(pb), c00);
    c01 = madd(x0, v128.load(pb, 16), c01);
    c02 = madd(x0, v128.load(pb, 32), c02);
    c03 = madd(x0, v128.load(pb, 48), c03);
    pa0 += step;
    pb += 64;
  }
  storeTile(c, c00, c01, c02, c03, width, tmp);
}

// ---- elementwise ----------------------------------------------------------------------------------

/**
 * out = a + b (op 0), a * b (op 1), or a + alpha * b computed in float64 and rounded once (op 2, the
 * reference backend's rule: any alpha, and sub as alpha = -alpha); b is either n values or `cols`
 * values repeated per row (bRow). float32 + and * round once, so ops 0 and 1 equal the reference's
 * double-then-round results bit for bit (a double holds the exact sum or product of two floats, or
 * rounds it with enough guard bits for the second rounding to be correct).
 */
export function binaryF32(op: i32, a: usize, b: usize, out: usize, n: i32, cols: i32, bRow: bool, alpha: f64): void {
  if (!bRow) cols = n;
  const rows = n / cols;
  const al = f64x2.splat(alpha);
  for (let r = 0; r < rows; r++) {
    const pa = a + <usize>r * cols * 4;
    const pb = bRow ? b : b + <usize>r * cols * 4;
    const po = out + <usize>r * cols * 4;
    let j = 0;
    if (op == 0) {
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 2;
        v128.store(po + o, f32x4.add(v128.load(pa + o), v128.load(pb + o)));
      }
      for (; j < cols; j++) {
        const o = <usize>j << 2;
        store<f32>(po + o, load<f32>(pa + o) + load<f32>(pb + o));
      }
    } else if (op == 1) {
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 2;
        v128.store(po + o, f32x4.mul(v128.load(pa + o), v128.load(pb + o)));
      }
      for (; j < cols; j++) {
        const o = <usize>j << 2;
        store<f32>(po + o, load<f32>(pa + o) * load<f32>(pb + o));
      }
    } else {
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 2;
        const va = v128.load(pa + o);
        const vb = v128.load(pb + o);
        const lo = f64x2.add(f64x2.promote_low_f32x4(va), f64x2.mul(al, f64x2.promote_low_f32x4(vb)));
        const va2 = v128.shuffle<i32>(va, va, 2, 3, 0, 1);
        const vb2 = v128.shuffle<i32>(vb, vb, 2, 3, 0, 1);
        const hi = f64x2.add(f64x2.promote_low_f32x4(va2), f64x2.mul(al, f64x2.promote_low_f32x4(vb2)));
        const dl = f32x4.demote_f64x2_zero(lo);
        const dh = f32x4.demote_f64x2_zero(hi);
        v128.store(po + o, v128.shuffle<i32>(dl, dh, 0, 1, 4, 5));
      }
      for (; j < cols; j++) {
        const o = <usize>j << 2;
        store<f32>(po + o, <f32>(<f64>load<f32>(pa + o) + alpha * <f64>load<f32>(pb + o)));
      }
    }
  }
}

/**
 * out (contiguous rows x cols) = x read with element strides (xs0, xs1): a 2-D strided copy such as a
 * transpose, in 16 x 16 blocks so both sides stay in cache.
 */
export function copy2D(x: usize, xs0: i32, xs1: i32, out: usize, rows: i32, cols: i32): void {
  if (xs0 == 1) {
    transposeCopy(x, xs1, out, rows, cols);
    return;
  }
  for (let i0 = 0; i0 < rows; i0 += 16) {
    const i1 = min(rows, i0 + 16);
    for (let j0 = 0; j0 < cols; j0 += 16) {
      const j1 = min(cols, j0 + 16);
      for (let i = i0; i < i1; i++) {
        const src = x + <usize>i * xs0 * 4;
        const dst = out + <usize>i * cols * 4;
        for (let j = j0; j < j1; j++) store<f32>(dst + (<usize>j << 2), load<f32>(src + <usize>j * xs1 * 4));
      }
    }
  }
}

/** out[i] = x[i] OP s as 0 / 1 bytes: OP = lt (0), le (1), gt (2), ge (3), eq (4), ne (5); NaN compares false (ne: true). */
/**
 * copy2D of a transposed view (out[i][j] = x[i + j * xs1]): 4 x 4 blocks, four values down each of
 * four source columns transposed into four output rows with shuffles, within 16 x 16 tiles; the
 * ragged edges one value at a time.
 */
function transposeCopy(x: usize, xs1: i32, out: usize, rows: i32, cols: i32): void {
  const r4 = rows & ~3;
  const c4 = cols & ~3;
  const step = <usize>xs1 * 4;
  for (let i0 = 0; i0 < r4; i0 += 16) {
    const i1 = min(r4, i0 + 16);
    for (let j0 = 0; j0 < c4; j0 += 16) {
      const j1 = min(c4, j0 + 16);
      for (let i = i0; i < i1; i += 4) {
        for (let j = j0; j < j1; j += 4) {
          const src = x + (<usize>i + <usize>j * xs1) * 4;
          const c0 = v128.load(src);
          const c1 = v128.load(src + step);
          const c2 = v128.load(src + step * 2);
          const c3 = v128.load(src + step * 3);
          const t0 = v128.shuffle<i32>(c0, c1, 0, 4, 1, 5);
          const t1 = v128.shuffle<i32>(c2, c3, 0, 4, 1, 5);
          const t2 = v128.shuffle<i32>(c0, c1, 2, 6, 3, 7);
          const t3 = v128.shuffle<i32>(c2, c3, 2, 6, 3, 7);
          const d = out + (<usize>i * cols + <usize>j) * 4;
          const row = <usize>cols * 4;
          v128.store(d, v128.shuffle<i64>(t0, t1, 0, 2));
          v128.store(d + row, v128.shuffle<i64>(t0, t1, 1, 3));
          v128.store(d + row * 2, v128.shuffle<i64>(t2, t3, 0, 2));
          v128.store(d + row * 3, v128.shuffle<i64>(t2, t3, 1, 3));
        }
      }
    }
  }
  for (let i = 0; i < rows; i++) {
    const j0 = i < r4 ? c4 : 0;
    for (let j = j0; j < cols; j++) store<f32>(out + (<usize>i * cols + <usize>j) * 4, load<f32>(x + (<usize>i + <usize>j * xs1) * 4));
  }
}

export function compareScalarF32(op: i32, x: usize, s: f32, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    let r: bool;
    switch (op) {
      case 0: r = v < s; break;
      case 1: r = v <= s; break;
      case 2: r = v > s; break;
      case 3: r = v >= s; break;
      case 4: r = v == s; break;
      default: r = v != s;
    }
    store<u8>(out + <usize>i, <u8>r);
  }
}

/** out[i] = cond[i] != 0 ? a[i] : b[i]; a or b may be one value repeated (step 0 instead of 4 bytes). */
export function whereF32(cond: usize, a: usize, aStep: i32, b: usize, bStep: i32, out: usize, n: i32): void {
  let pa = a, pb = b;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), load<u8>(cond + <usize>i) != 0 ? load<f32>(pa) : load<f32>(pb));
    pa += <usize>aStep;
    pb += <usize>bStep;
  }
}

/** out = x < 0 ? 0 : x (NaN and -0 pass through, as the reference and PyTorch). */
/**
 * out[j] = sum over r of x[r, j] for a contiguous rows x cols x (a sum over leading dims, such as a
 * bias gradient), each column summed in float64 in row order and rounded once: the reference
 * kernels' arithmetic, so the results are bit-identical. acc: cols float64 of scratch.
 */
export function sumRowsF32(x: usize, rows: i32, cols: i32, out: usize, acc: usize): void {
  memory.fill(acc, 0, <usize>cols * 8);
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * <usize>cols * 4;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const v = v128.load(row + (<usize>j << 2));
      const a = acc + (<usize>j << 3);
      v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
      v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1))), 16);
    }
    for (; j < cols; j++) {
      const a = acc + (<usize>j << 3);
      store<f64>(a, load<f64>(a) + <f64>load<f32>(row + (<usize>j << 2)));
    }
  }
  for (let j = 0; j < cols; j++) store<f32>(out + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
}

/** out = x <= threshold ? 0 : g (relu's backward with its saved output; a NaN x passes g). */
export function thresholdBackwardF32(g: usize, x: usize, threshold: f32, out: usize, n: i32): void {
  const t = f32x4.splat(threshold);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, v128.andnot(v128.load(g + o), f32x4.le(v128.load(x + o), t)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(x + o) <= threshold ? 0 : load<f32>(g + o));
  }
}

export function reluF32(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    v128.store(out + o, v128.andnot(v, f32x4.lt(v, zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(out + o, v < 0 ? 0 : v);
  }
}

// exp(x) = 2^n * exp(r), n = round(x / ln 2), r = x - n ln 2 (ln 2 split in two for exactness),
// exp(r) by cephes expf's degree-5 polynomial: 1 + r + r^2 (p0 + p1 r + ... + p5 r^5).
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;
const EXP_HI: f32 = 88.0;
const EXP_LO: f32 = -87.0;

/** Vector exp of 4 lanes, valid for x in [EXP_LO, EXP_HI]; the caller handles other lanes. */
// @ts-ignore: decorator
@inline function expCore(x: v128, log2e: v128, ln2hi: v128, ln2lo: v128, p0: v128, p1: v128, p2: v128, p3: v128, p4: v128, p5: v128, one: v128): v128 {
  const fn = f32x4.nearest(f32x4.mul(x, log2e));
  let r = f32x4.sub(x, f32x4.mul(fn, ln2hi));
  r = f32x4.sub(r, f32x4.mul(fn, ln2lo));
  let p = madd(p0, r, p1);
  p = madd(p, r, p2);
  p = madd(p, r, p3);
  p = madd(p, r, p4);
  p = madd(p, r, p5);
  const r2 = f32x4.mul(r, r);
  const e = f32x4.add(madd(p, r2, r), one);
  // 2^n from n's float: n + (2^23 + 127) holds n + 127 in its low mantissa bits (n is integral and
  // within [-127, 128] here), which a shift by 23 moves into the exponent field
  const scale = i32x4.shl(f32x4.add(fn, f32x4.splat(8388735.0)), 23);
  return f32x4.mul(e, scale);
}

// @ts-ignore: decorator
@inline function fixLane(x: f32, e: f32): f32 {
  return x >= EXP_LO && x <= EXP_HI ? e : Mathf.exp(x);
}

/** The lanes of `v` outside the polynomial's range recomputed with the scalar exp. */
function fixLanes(v: v128, e: v128): v128 {
  e = f32x4.replace_lane(e, 0, fixLane(f32x4.extract_lane(v, 0), f32x4.extract_lane(e, 0)));
  e = f32x4.replace_lane(e, 1, fixLane(f32x4.extract_lane(v, 1), f32x4.extract_lane(e, 1)));
  e = f32x4.replace_lane(e, 2, fixLane(f32x4.extract_lane(v, 2), f32x4.extract_lane(e, 2)));
  e = f32x4.replace_lane(e, 3, fixLane(f32x4.extract_lane(v, 3), f32x4.extract_lane(e, 3)));
  return e;
}

/** out[i] = exp(x[i] - shift) for n values; returns the sum of the outputs in float64. */
export function expF32(x: usize, out: usize, n: i32, shift: f32): f64 {
  const log2e = f32x4.splat(LOG2E), ln2hi = f32x4.splat(LN2_HI), ln2lo = f32x4.splat(LN2_LO);
  const p0 = f32x4.splat(P0), p1 = f32x4.splat(P1), p2 = f32x4.splat(P2), p3 = f32x4.splat(P3);
  const p4 = f32x4.splat(P4), p5 = f32x4.splat(P5), one = f32x4.splat(1);
  const lo = f32x4.splat(EXP_LO), hi = f32x4.splat(EXP_HI), sh = f32x4.splat(shift);
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  let i = 0;
  // two vectors per step: each exp is a long dependent chain, and two independent ones in flight run
  // about 1.4x faster than one (measured on V8's x64 code); the sums keep the one-vector order
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i << 2;
    const v = f32x4.sub(v128.load(x + o), sh);
    const w = f32x4.sub(v128.load(x + o, 16), sh);
    let e = expCore(v, log2e, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, one);
    let f = expCore(w, log2e, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, one);
    // lanes out of range (and NaN) go through the scalar exp (read from v: out may alias x)
    const inRange = v128.and(v128.and(f32x4.ge(v, lo), f32x4.le(v, hi)), v128.and(f32x4.ge(w, lo), f32x4.le(w, hi)));
    if (!i32x4.all_true(inRange)) {
      e = fixLanes(v, e);
      f = fixLanes(w, f);
    }
    v128.store(out + o, e);
    v128.store(out + o, f, 16);
    // every exp summed exactly as float64 (cross entropy's p_y - 1 = (e_y - s) / s relies on it)
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(e));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<i32>(e, e, 2, 3, 0, 1)));
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(f));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<i32>(f, f, 2, 3, 0, 1)));
  }
  if (i + 4 <= n) {
    const o = <usize>i << 2;
    const v = f32x4.sub(v128.load(x + o), sh);
    let e = expCore(v, log2e, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, one);
    if (!i32x4.all_true(v128.and(f32x4.ge(v, lo), f32x4.le(v, hi)))) e = fixLanes(v, e);
    v128.store(out + o, e);
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(e));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<i32>(e, e, 2, 3, 0, 1)));
    i += 4;
  }
  let sum = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1) + f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const e = Mathf.exp(load<f32>(x + o) - shift);
    store<f32>(out + o, e);
    sum += <f64>e;
  }
  return sum;
}

/** exp over n values: out may alias x. expF32's lanes bit for bit, without its float64 sum. */
export function expArray(x: usize, out: usize, n: i32): void {
  const log2e = f32x4.splat(LOG2E), ln2hi = f32x4.splat(LN2_HI), ln2lo = f32x4.splat(LN2_LO);
  const p0 = f32x4.splat(P0), p1 = f32x4.splat(P1), p2 = f32x4.splat(P2), p3 = f32x4.splat(P3);
  const p4 = f32x4.splat(P4), p5 = f32x4.splat(P5), one = f32x4.splat(1);
  const lo = f32x4.splat(EXP_LO), hi = f32x4.splat(EXP_HI);
  let i = 0;
  // three independent chains in flight (each exp is a long dependent chain)
  for (; i + 12 <= n; i += 12) {
    const o = <usize>i << 2;
    const u = v128.load(x + o);
    const v = v128.load(x + o, 16);
    const w = v128.load(x + o, 32);
    let e = expCore(u, log2e, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, one);
    let f = expCore(v, log2e, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, one);
    let g = expCore(w, log2e, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, one);
    const inRange = v128.and(
      v128.and(v128.and(f32x4.ge(u, lo), f32x4.le(u, hi)), v128.and(f32x4.ge(v, lo), f32x4.le(v, hi))),
      v128.and(f32x4.ge(w, lo), f32x4.le(w, hi)),
    );
    if (!i32x4.all_true(inRange)) {
      e = fixLanes(u, e);
      f = fixLanes(v, f);
      g = fixLanes(w, g);
    }
    v128.store(out + o, e);
    v128.store(out + o, f, 16);
    v128.store(out + o, g, 32);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    let e = expCore(v, log2e, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, one);
    if (!i32x4.all_true(v128.and(f32x4.ge(v, lo), f32x4.le(v, hi)))) e = fixLanes(v, e);
    v128.store(out + o, e);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, Mathf.exp(load<f32>(x + o)));
  }
}

// ---- softmax rows -----------------------------------------------------------------------------------

/** p[j] = round_f32(p[j] * s) for cols values, the product taken in float64 (one rounding). */
function scaleRowF64(p: usize, cols: i32, s: f64): void {
  const sv = f64x2.splat(s);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>j << 2;
    const v = v128.load(p + o);
    const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(v), sv));
    const hi = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1)), sv));
    v128.store(p + o, v128.shuffle<i32>(lo, hi, 0, 1, 4, 5));
  }
  for (; j < cols; j++) {
    const o = <usize>j << 2;
    store<f32>(p + o, <f32>(<f64>load<f32>(p + o) * s));
  }
}

/** p[j] *= s in float32 for cols values. */
function scaleRowF32(p: usize, cols: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>j << 2;
    v128.store(p + o, f32x4.mul(v128.load(p + o), sv));
  }
  for (; j < cols; j++) {
    const o = <usize>j << 2;
    store<f32>(p + o, load<f32>(p + o) * s);
  }
}

/** out[j] = round_f32((x[j] - m) - ls) for cols values, in float64 (log-softmax's last pass). */
function logShiftRow(x: usize, out: usize, cols: i32, m: f64, ls: f64): void {
  const mv = f64x2.splat(m);
  const lv = f64x2.splat(ls);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>j << 2;
    const v = v128.load(x + o);
    const lo = f32x4.demote_f64x2_zero(f64x2.sub(f64x2.sub(f64x2.promote_low_f32x4(v), mv), lv));
    const hi = f32x4.demote_f64x2_zero(f64x2.sub(f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1)), mv), lv));
    v128.store(out + o, v128.shuffle<i32>(lo, hi, 0, 1, 4, 5));
  }
  for (; j < cols; j++) {
    const o = <usize>j << 2;
    store<f32>(out + o, <f32>(<f64>load<f32>(x + o) - m - ls));
  }
}

function rowMax(x: usize, cols: i32): f32 {
  // four running maxima (one chain would wait on max's latency each step); wasm's max is exact and
  // propagates NaN whatever the order, so the result is the one-chain result
  let mv = f32x4.splat(-Infinity), m1 = mv, m2 = mv, m3 = mv;
  let j = 0;
  for (; j + 16 <= cols; j += 16) {
    const p = x + (<usize>j << 2);
    mv = f32x4.max(mv, v128.load(p));
    m1 = f32x4.max(m1, v128.load(p, 16));
    m2 = f32x4.max(m2, v128.load(p, 32));
    m3 = f32x4.max(m3, v128.load(p, 48));
  }
  mv = f32x4.max(f32x4.max(mv, m1), f32x4.max(m2, m3));
  for (; j + 4 <= cols; j += 4) mv = f32x4.max(mv, v128.load(x + (<usize>j << 2)));
  let m = max(max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
  for (; j < cols; j++) {
    const v = load<f32>(x + (<usize>j << 2));
    if (v > m || v != v) m = v;
  }
  return m;
}

/**
 * softmax (log = false) or log-softmax along rows of `cols` values: max first, exps summed in
 * float64; log-softmax writes (x - m) - log(sum), computed in float64 and rounded once.
 * `scratch` holds one row of exps (cols floats) for log-softmax.
 */
export function softmaxRows(x: usize, out: usize, rows: i32, cols: i32, log: bool, scratch: usize): void {
  for (let r = 0; r < rows; r++) {
    const px = x + <usize>r * cols * 4;
    const po = out + <usize>r * cols * 4;
    const m = rowMax(px, cols);
    if (log) {
      const s = expF32(px, scratch, cols, m);
      logShiftRow(px, po, cols, <f64>m, Math.log(s));
    } else {
      const s = expF32(px, po, cols, m);
      scaleRowF64(po, cols, 1 / s);
    }
  }
}

// ---- cross entropy with class indices (no weight, no smoothing) --------------------------------------

/**
 * Forward + gradient in one pass over rows of logits: per row r with target y (ignoreIndex: skipped),
 * losses[r] (float64) = log(sum exp(x - m)) + m - x_y, 0 for skipped rows, and grad[r, :] =
 * (softmax(x_r) - onehot(y)) * scale (the caller's upstream / denominator): exp(x - m) times
 * scale / sum in float32, the target's entry in float64. Per-row losses let the caller sum them in row order whichever thread ran a row.
 * grad may be 0 (not wanted; `scratch`, cols floats, then takes the exps) or equal x (in place).
 */
export function crossEntropyRows(x: usize, targets: usize, rows: i32, cols: i32, ignoreIndex: i32, grad: usize, scale: f64, losses: usize, scratch: usize): void {
  for (let r = 0; r < rows; r++) {
    const px = x + <usize>r * cols * 4;
    const y = load<i32>(targets + (<usize>r << 2));
    const pg = grad != 0 ? grad + <usize>r * cols * 4 : scratch;
    if (y == ignoreIndex) {
      store<f64>(losses + (<usize>r << 3), 0);
      if (grad != 0) memory.fill(pg, 0, <usize>cols * 4);
      continue;
    }
    const m = rowMax(px, cols);
    const xy = <f64>load<f32>(px + (<usize>y << 2)); // read first: grad may overwrite x in place
    const s = expF32(px, pg, cols, m);
    store<f64>(losses + (<usize>r << 3), Math.log(s) + <f64>m - xy);
    if (grad != 0) {
      const ey = <f64>load<f32>(pg + (<usize>y << 2));
      const inv = scale / s;
      // exp * (scale / s) in float32: within 1.5 ulp of the rounded exact product (one float32
      // multiply per 4 values instead of a float64 round trip; PyTorch's own float32 softmax backward
      // rounds more often)
      scaleRowF32(pg, cols, <f32>inv);
      // p_y - 1 as (e_y - s) / s in float64: s - e_y is the float64 sum of the other exps, so the
      // difference keeps its relative accuracy when p_y is close to 1
      store<f32>(pg + (<usize>y << 2), <f32>((ey - s) * inv));
    }
  }
}
