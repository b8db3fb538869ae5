// Where the worker trains: WebGPU when the browser has it and gives an adapter, the wasm kernels
// (the CPU) otherwise. The wasm backend is initialised either way: data is prepared on the CPU.
import { initWebGPU, type WebGPUInfo } from '@torchlet/webgpu';
import { torch } from 'torchlet';
import type { BackendChoice, BackendReport } from '../protocol.js';

function describeAdapter(info: WebGPUInfo): string {
  const name = [info.vendor, info.architecture, info.device, info.description].filter((s) => s !== '').join(' ');
  return `${name === '' ? 'unnamed adapter' : name}${info.software ? ' (software)' : ''}`;
}

export async function pickBackend(choice: BackendChoice): Promise<BackendReport> {
  let cpu: BackendReport;
  try {
    const level = await torch.backends.initWasmBackend();
    cpu = { device: 'cpu', backend: 'wasm', detail: `WebAssembly ${level}` };
  } catch (e) {
    cpu = { device: 'cpu', backend: 'cpu', detail: `plain TypeScript kernels (${e instanceof Error ? e.message : String(e)})` };
  }
  if (choice === 'wasm') return { ...cpu, fallbackReason: 'the CPU was chosen' };
  try {
    const info = await initWebGPU();
    return { device: 'webgpu', backend: 'webgpu', detail: describeAdapter(info), software: info.software };
  } catch (e) {
    return { ...cpu, fallbackReason: e instanceof Error ? e.message : String(e) };
  }
}
