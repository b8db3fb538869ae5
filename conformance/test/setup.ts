// Every conformance test file runs with autograd installed on tensor-core, as a program using
// torchlet's modules, losses or optimizers does: the gradient checks create leaves that require grad.
// In a device project (TORCHLET_DEVICE=webgpu) each file also initialises the device, and the
// comparisons of device results, read back asynchronously, are settled after each test.
import { installAutograd } from '@torchlet/autograd';
import { afterAll, afterEach } from 'vitest';
import { fixtureDevice, settleDeviceComparisons } from '../src/device.js';

installAutograd();

if (fixtureDevice() === 'webgpu') {
  const { initWebGPU, disposeWebGPU } = await import('@torchlet/webgpu');
  await initWebGPU();
  afterEach(settleDeviceComparisons);
  afterAll(() => disposeWebGPU());
}
