// Optimizer and scheduler state in PyTorch 1.13's structure (safetensors for tensors, JSON for the rest).
export { optimizerToTorch, optimizerFromTorch, type TorchOptimizerJson, type TorchOptimizerState } from './optimizer.js';
export { schedulerToTorch, schedulerFromTorch, type TorchSchedulerJson } from './scheduler.js';
export type { TorchJson } from './json.js';
