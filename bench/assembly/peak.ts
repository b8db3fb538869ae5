// Peak f32x4 throughput for the bench's "machine limit" line: 6 independent mul chains and 6 add chains,
// no memory traffic (the matmul kernel's arithmetic without its loads, one thread). The caller passes
// factor = 1 so the products stay normal numbers (a factor below 1 would decay them to denormals,
// which x86 computes many times slower) while the compiler cannot know the multiply is a no-op.
export function peak(iters: i32, s: f32, factor: f32): f32 {
  const x = f32x4.splat(s);
  const y = f32x4.splat(factor);
  let m0 = f32x4.splat(0), m1 = f32x4.splat(1), m2 = f32x4.splat(2), m3 = f32x4.splat(3), m4 = f32x4.splat(4), m5 = f32x4.splat(5);
  let a0 = f32x4.splat(0), a1 = f32x4.splat(1), a2 = f32x4.splat(2), a3 = f32x4.splat(3), a4 = f32x4.splat(4), a5 = f32x4.splat(5);
  for (let i = 0; i < iters; i++) {
    m0 = f32x4.mul(m0, y); a0 = f32x4.add(a0, x);
    m1 = f32x4.mul(m1, y); a1 = f32x4.add(a1, x);
    m2 = f32x4.mul(m2, y); a2 = f32x4.add(a2, x);
    m3 = f32x4.mul(m3, y); a3 = f32x4.add(a3, x);
    m4 = f32x4.mul(m4, y); a4 = f32x4.add(a4, x);
    m5 = f32x4.mul(m5, y); a5 = f32x4.add(a5, x);
  }
  const r = f32x4.add(f32x4.add(f32x4.add(m0, m1), f32x4.add(m2, m3)), f32x4.add(f32x4.add(m4, m5), f32x4.add(a0, a1)));
  return f32x4.extract_lane(f32x4.add(r, f32x4.add(f32x4.add(a2, a3), f32x4.add(a4, a5))), 0);
}
