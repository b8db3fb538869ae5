// The slice of the WebAssembly JS API the runtime uses (tensor-core compiles without DOM or Node
// types), and the exports of the kernels module (assembly/kernels.ts).

/** The exports of assembly/kernels.ts (pointers are byte offsets into `memory`). */
export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  matmulScratchBytes(k: number, n: number): number;
  packedBBytes(k: number, n: number): number;
  packBAll(b: number, bs0: number, bs1: number, k: number, n: number, packed: number): void;
  matmulPacked(a: number, as0: number, as1: number, packed: number, c: number, m: number, k: number, n: number, tmp: number): void;
  matmul(a: number, as0: number, as1: number, b: number, bs0: number, bs1: number, c: number, m: number, k: number, n: number, scratch: number): void;
  matmulColumns(a: number, as0: number, as1: number, b: number, bs0: number, bs1: number, c: number, m: number, k: number, n: number, p0: number, p1: number, scratch: number): void;
  matmulColumnsScratchBytes(): number;
  binaryF32(op: number, a: number, b: number, out: number, n: number, cols: number, bRow: number, alpha: number): void;
  expArray(x: number, out: number, n: number): void;
  reluF32(x: number, out: number, n: number): void;
  sumRowsF32(x: number, rows: number, cols: number, out: number, acc: number): void;
  thresholdBackwardF32(g: number, x: number, threshold: number, out: number, n: number): void;
  compareScalarF32(op: number, x: number, s: number, out: number, n: number): void;
  whereF32(cond: number, a: number, aStep: number, b: number, bStep: number, out: number, n: number): void;
  copy2D(x: number, xs0: number, xs1: number, out: number, rows: number, cols: number): void;
  softmaxRows(x: number, out: number, rows: number, cols: number, log: number, scratch: number): void;
  crossEntropyRows(x: number, targets: number, rows: number, cols: number, ignoreIndex: number, grad: number, scale: number, losses: number, scratch: number): void;
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmInstance {
  readonly exports: unknown;
}

export interface WasmModule {
  readonly __brand?: 'WebAssembly.Module';
}

export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => WasmInstance;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: WasmInstance }>;
}

/** The engine's WebAssembly object, or undefined where there is none. */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}
