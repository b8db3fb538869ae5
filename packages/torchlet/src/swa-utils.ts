// torch.optim.swa_utils: SWALR from @torchlet/optim, AveragedModel and updateBn from
// @torchlet/nn-layers (they need Module; @torchlet/optim does not depend on nn-layers).
import { swaUtils } from '@torchlet/optim';

export const SWALR = swaUtils.SWALR;
export type SWALR = InstanceType<typeof swaUtils.SWALR>;
export type { SWALROptions, SWALRAnnealStrategy } from '@torchlet/optim';
export { AveragedModel, updateBn } from '@torchlet/nn-layers';
export type { AveragedModelOptions, AveragingFunction, UpdateBnBatch } from '@torchlet/nn-layers';
