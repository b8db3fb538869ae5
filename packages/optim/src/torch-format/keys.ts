// PyTorch's snake_case names for torchlet's camelCase fields (state, param groups, scheduler fields).
import { TorchletError } from '@torchlet/tensor-core';

/** Fields whose PyTorch name is not the plain snake_case of torchlet's (private or capitalised). */
const TO_TORCH: Record<string, string> = {
  stepCount: '_step_count',
  lastLr: '_last_lr',
  phases: '_schedule_phases',
  annealStrategy: 'anneal_func',
  TMax: 'T_max',
  T0: 'T_0',
  Ti: 'T_i',
  TMult: 'T_mult',
  Tcur: 'T_cur',
  hDiag: 'H_diag',
};
const FROM_TORCH: Record<string, string> = Object.fromEntries(Object.entries(TO_TORCH).map(([k, v]) => [v, k]));

/** `weightDecay` -> `weight_decay`, `stepCount` -> `_step_count`, `TMax` -> `T_max`. */
export function torchName(camel: string): string {
  return TO_TORCH[camel] ?? camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The inverse of `torchName`: `weight_decay` -> `weightDecay`. */
export function torchletName(snake: string): string {
  const special = FROM_TORCH[snake];
  if (special !== undefined) return special;
  if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(snake)) {
    throw new TorchletError(`torch format: key '${snake}' expected a snake_case PyTorch name, got one torchlet does not know`);
  }
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
