// Peak f32x4 fused multiply-add throughput (relaxed SIMD), for the bench's "machine limit" line when
// torchlet's kernels run their relaxed-SIMD build: 12 independent chains, no memory traffic, one
// thread. factor = 1 keeps the values normal numbers (see peak.ts).
export function peak(iters: i32, s: f32, factor: f32): f32 {
  const x = f32x4.splat(s);
  const y = f32x4.splat(factor);
  let a0 = f32x4.splat(0), a1 = f32x4.splat(1), a2 = f32x4.splat(2), a3 = f32x4.splat(3), a4 = f32x4.splat(4), a5 = f32x4.splat(5);
  let a6 = f32x4.splat(6), a7 = f32x4.splat(7), a8 = f32x4.splat(8), a9 = f32x4.splat(9), a10 = f32x4.splat(10), a11 = f32x4.splat(11);
  for (let i = 0; i < iters; i++) {
    a0 = f32x4.relaxed_madd(a0, y, x); a1 = f32x4.relaxed_madd(a1, y, x); a2 = f32x4.relaxed_madd(a2, y, x);
    a3 = f32x4.relaxed_madd(a3, y, x); a4 = f32x4.relaxed_madd(a4, y, x); a5 = f32x4.relaxed_madd(a5, y, x);
    a6 = f32x4.relaxed_madd(a6, y, x); a7 = f32x4.relaxed_madd(a7, y, x); a8 = f32x4.relaxed_madd(a8, y, x);
    a9 = f32x4.relaxed_madd(a9, y, x); a10 = f32x4.relaxed_madd(a10, y, x); a11 = f32x4.relaxed_madd(a11, y, x);
  }
  const r = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  return f32x4.extract_lane(f32x4.add(r, f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11))), 0);
}
