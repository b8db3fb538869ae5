// out = a + b over n float32 values (n a multiple of 4) in this module's (imported) memory: the work
// of an elementwise add once its operands are in wasm memory, for the bench's memory-model note.
export function add(a: usize, b: usize, out: usize, n: i32): void {
  const end = out + (<usize>n << 2);
  while (out < end) {
    v128.store(out, f32x4.add(v128.load(a), v128.load(b)));
    a += 16;
    b += 16;
    out += 16;
  }
}
