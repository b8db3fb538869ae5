// The suite runs on the backend TORCHLET_BACKEND names (vitest.shared.ts defaults it to the pure-
// TypeScript `cpu` reference): `TORCHLET_BACKEND=wasm npx vitest run` replays every case on the
// WebAssembly SIMD kernels. This test proves the selection took effect.
import { getBackend, wasmFeatures } from '@torchlet/tensor-core';
import { describe, expect, it } from 'vitest';

describe('backend under test', () => {
  it('is the one TORCHLET_BACKEND names', () => {
    const wanted = process.env.TORCHLET_BACKEND ?? 'cpu';
    const name = getBackend().name;
    console.log(`conformance backend: ${name}${name === 'wasm' ? ` (${wasmFeatures()})` : ''}`);
    expect(wanted === 'auto' ? ['cpu', 'wasm'] : [wanted]).toContain(name);
  });
});
