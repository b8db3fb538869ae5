// Every layer against PyTorch: forward output, input gradient and parameter gradients, float32 and
// float64, with the weights carried in the fixture (fixtures/nn-layers/layers.json).
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../src/fixtures.js';
import { replayLayerCase, type LayerCase } from './layer-case.js';

const fixture = loadFixture<LayerCase>('nn-layers', 'layers');

describe(`nn-layers layers (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(replayLayerCase(c)).toEqual([]);
  });
});
