// safetensors both ways. PyTorch -> torchlet: bytes PyTorch's state dicts were written to (the
// reference writer's layout) load into torchlet models that then reproduce PyTorch's outputs, and
// torchlet writes those same bytes back. torchlet -> PyTorch: the committed torchlet_model.safetensors
// is what torchlet writes today, and the generator loaded exactly that file into torch
// (load_state_dict strict) and recorded torch's outputs, which torchlet's model reproduces.
// Run with TORCHLET_WRITE_SAFETENSORS=1 to (re)write the file (the generator does this itself).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { noGrad } from '@torchlet/autograd';
import { cpuBackend, setBackend } from '@torchlet/tensor-core';
import { loadSafetensors, parseSafetensors, saveSafetensors, type TensorModule } from '@torchlet/nn-layers';
import { compareTensor, decode, decodeOnCpu, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { buildModel } from './build.js';

interface TorchCase extends FixtureCase {
  model?: string;
  bytes_base64: string;
  metadata: Record<string, string> | null;
  state?: Record<string, EncodedTensor>;
  tensors?: Record<string, EncodedTensor>;
  input?: EncodedTensor;
  output?: EncodedTensor;
}

interface TorchletCase extends FixtureCase {
  sha256: string;
  metadata: Record<string, string> | null;
  keys_in_file_order: string[];
  state: Record<string, EncodedTensor>;
  input: EncodedTensor;
  output: EncodedTensor;
}

const FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'nn-layers', 'torchlet_model.safetensors');
const writing = process.env.TORCHLET_WRITE_SAFETENSORS === '1';
const fromTorch = loadFixture<TorchCase>('nn-layers', 'safetensors_torch');

const bytesOf = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

/** The model torchlet saves: PyTorch's cnn weights, one train step (moves the BN statistics), weights halved. */
/**
 * The model whose state dict torchlet_model.safetensors holds (its BatchNorm statistics come from a
 * training-mode forward). Built on the reference kernels, as when the file was written: the file is
 * compared byte for byte, and float32 kernels of other backends round differently.
 */
function torchletModel(): TensorModule {
  const previous = setBackend(cpuBackend);
  try {
    const c = fromTorch.cases.find((x) => x.id === 'cnn/float32') as TorchCase;
    const m = buildModel('cnn') as TensorModule;
    m.loadStateDict(loadSafetensors(bytesOf(c.bytes_base64)));
    m.train();
    m.forward(decodeOnCpu(c.input as EncodedTensor)); // a training step on the CPU: the model is built there
    noGrad(() => {
      for (const p of m.parameters()) p.mul_(0.5);
    });
    m.eval();
    return m;
  } finally {
    setBackend(previous);
  }
}

describe(`nn-layers safetensors from PyTorch (${fromTorch.cases.length} cases)`, () => {
  it.each(fromTorch.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const bytes = bytesOf(c.bytes_base64);
    const { tensors, metadata } = parseSafetensors(bytes);
    expect(metadata === null ? null : { ...metadata }).toEqual(c.metadata);
    const expected = c.state ?? c.tensors ?? {};
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected).sort());
    const problems: string[] = [];
    for (const [k, v] of Object.entries(expected)) {
      problems.push(...compareTensor(tensors[k], v, { rtol: 0, atol: 0 }).map((p) => `${k}: ${p}`));
    }
    // torchlet writes byte-for-byte what the reference writer wrote
    expect(Buffer.from(saveSafetensors(tensors, { metadata: c.metadata ?? undefined })).equals(Buffer.from(bytes))).toBe(true);
    if (c.model && c.input && c.output) {
      const m = buildModel(c.model) as TensorModule;
      m.to(c.dtype === 'float64' ? 'float64' : 'float32');
      m.loadStateDict(loadSafetensors(bytes));
      m.to(fixtureDevice());
      m.eval();
      const y = noGrad(() => m.forward(decode(c.input as EncodedTensor)));
      problems.push(...compareTensor(y, c.output, c).map((p) => `output: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('nn-layers safetensors to PyTorch', () => {
  if (writing) {
    it('writes torchlet_model.safetensors', () => {
      writeFileSync(FILE, saveSafetensors(torchletModel().stateDict(), { metadata: { format: 'pt' } }));
    });
    return;
  }

  it('the file torchlet writes loaded into PyTorch and reproduces torchlet', () => {
    expect(existsSync(FILE)).toBe(true);
    const c = loadFixture<TorchletCase>('nn-layers', 'safetensors_torchlet').cases[0];
    const committed = new Uint8Array(readFileSync(FILE));
    // the generator checked exactly the committed file ...
    expect(createHash('sha256').update(committed).digest('hex')).toBe(c.sha256);
    // ... and it is what torchlet writes now
    const m = torchletModel();
    const written = saveSafetensors(m.stateDict(), { metadata: { format: 'pt' } });
    expect(Buffer.from(written).equals(Buffer.from(committed))).toBe(true);
    const problems: string[] = [];
    const sd = m.stateDict();
    for (const [k, v] of Object.entries(c.state)) problems.push(...compareTensor(sd[k], v, { rtol: 0, atol: 0 }).map((p) => `${k}: ${p}`));
    m.to(fixtureDevice());
    const y = noGrad(() => m.forward(decode(c.input)));
    problems.push(...compareTensor(y, c.output, c).map((p) => `output: ${p}`));
    expect(problems).toEqual([]);
  });
});
