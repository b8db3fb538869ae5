// torch.optim.swa_utils as a namespace: `swaUtils.SWALR`. AveragedModel and updateBn need Module and
// live in @torchlet/nn-layers (the torchlet package's optim.swaUtils has all three).
export { SWALR, type SWALROptions, type SWALRAnnealStrategy } from './lr-scheduler/swa.js';
