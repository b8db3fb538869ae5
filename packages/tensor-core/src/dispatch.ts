// Which op table runs: tensor-core's own, or the one an installed autograd layer decorates.
import type { AutogradLayer } from './autograd.js';
import { TorchletError } from './errors.js';
import { coreOps, type OpTable } from './ops/table.js';
import { autogradLayer, setAutogradLayer } from './autograd-slot.js';

export { autogradLayer };

let table: OpTable = coreOps;

/** The op table in use. */
export function ops(): OpTable {
  return table;
}

/**
 * Install an autograd layer (idempotent for the same layer). A second, different layer means two
 * copies of @torchlet/autograd are loaded, whose graphs could not meet: refuse it.
 */
export function installAutogradLayer(next: AutogradLayer): void {
  const layer = autogradLayer();
  if (layer === next) return;
  if (layer !== null) {
    throw new TorchletError(
      'installAutograd(): another copy of @torchlet/autograd is already installed on this @torchlet/tensor-core; ' +
        'load one copy of each package (check your bundler or lockfile for duplicates)',
    );
  }
  setAutogradLayer(next);
  table = next.ops;
}
