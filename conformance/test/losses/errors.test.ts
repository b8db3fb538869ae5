// Bad input: wherever PyTorch raises (fixtures/losses/errors.json records its exception and
// message), torchlet throws a TorchletError naming the argument, the expected and the actual.
import { describe, expect, it } from 'vitest';
import { TorchletError } from '@torchlet/tensor-core';
import { loadFixture } from '../../src/fixtures.ts';
import { LOSSES, decodeCall, type ErrorCase } from './helpers.ts';

const fixture = loadFixture<ErrorCase>('losses', 'errors');

describe('losses raise where PyTorch raises', () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const { args, options } = decodeCall(c);
    let thrown: unknown = null;
    try {
      LOSSES[c.loss](args, options);
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `PyTorch raised ${c.error_type}: ${c.message}`).toBeInstanceOf(TorchletError);
    const message = (thrown as Error).message;
    expect(message).toMatch(new RegExp(`^${c.loss}\\(\\): argument '\\w+' expected .+, got .+`));
  });
});
