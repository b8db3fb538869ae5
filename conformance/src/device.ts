// Replaying fixtures on a device (TORCHLET_DEVICE=webgpu): inputs are decoded onto it, and results,
// which a device reads back only asynchronously, are compared after each test body. The read is
// started at comparison time, so it sees the values of that moment even when the test later
// modifies the tensor in place (the device runs commands in the order they were recorded).
import { TorchletError, type Device, type Tensor } from '@torchlet/tensor-core';

/** The device the suite replays on (the vitest project sets TORCHLET_DEVICE; default 'cpu'). */
export function fixtureDevice(): Device {
  const d = process.env.TORCHLET_DEVICE;
  return d === undefined || d === '' ? 'cpu' : (d as Device);
}


interface Pending {
  read: Promise<Tensor>;
  check: (onCpu: Tensor) => string[];
  what: string;
  /** The read must fail with a TorchletError (deferDeviceError). */
  expectsError?: boolean;
}

const pending: Pending[] = [];

/** Queue the comparison of a device tensor: its read back starts now, `check` runs in settleDeviceComparisons(). */
export function deferDeviceComparison(actual: Tensor, check: (onCpu: Tensor) => string[]): void {
  const what = `comparison ${pending.length + 1} (a ${actual.dtype} tensor of shape [${actual.shape.join(', ')}])`;
  const read = actual.toAsync('cpu');
  read.catch(() => undefined); // a failed read is reported by settleDeviceComparisons, not as unhandled
  pending.push({ read, check, what });
}

/**
 * Queue the check that reading `result` back fails with a TorchletError: a device reports errors
 * it finds while running a kernel (an index out of range) at the next read, as CUDA's device-side
 * asserts do, where the CPU throws at once.
 */
export function deferDeviceError(result: Tensor, expected: string): void {
  const what = `the error PyTorch raises (${expected}), expected when reading the result back`;
  const read = result.toAsync('cpu');
  read.catch(() => undefined);
  pending.push({ read, check: () => [`${what}: the read succeeded`], what: 'device error', expectsError: true });
}

/** Run the queued comparisons (an afterEach hook of the device projects); throws listing every mismatch. */
export async function settleDeviceComparisons(): Promise<void> {
  const queued = pending.splice(0);
  const problems: string[] = [];
  for (const p of queued) {
    let onCpu: Tensor;
    try {
      onCpu = await p.read;
    } catch (e) {
      if (!(p.expectsError && e instanceof TorchletError)) {
        problems.push(`${p.what}: reading it back failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      continue;
    }
    for (const line of p.check(onCpu)) problems.push(`${p.what}: ${line}`);
  }
  if (problems.length > 0) throw new Error(`on ${fixtureDevice()}, after the test body:\n  ${problems.join('\n  ')}`);
}
