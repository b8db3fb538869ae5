// Shared by the losses conformance tests: fixture types and the table that calls each torchlet
// loss with a fixture's arguments and options.
import { installAutograd } from '@torchlet/autograd';
import * as L from '@torchlet/losses';
import type { Tensor } from '@torchlet/tensor-core';
import { decode, type EncodedTensor, type FixtureCase } from '../../src/fixtures.ts';

export interface LossCall extends FixtureCase {
  loss: string;
  args: [string, EncodedTensor][];
  options: Record<string, number | boolean | string>;
  tensor_options: Record<string, EncodedTensor>;
}

export interface LossCase extends LossCall {
  grad_args: string[];
  grad_output: EncodedTensor;
  output: EncodedTensor;
  grads: Record<string, EncodedTensor>;
}

export interface ErrorCase extends LossCall {
  error_type: string;
  message: string;
}

type Options = Record<string, unknown>;
export type Call = (args: readonly Tensor[], options: Options) => Tensor;

/** Every torchlet loss by its fixture name, called as the fixture's PyTorch call was. */
export const LOSSES: Record<string, Call> = {
  crossEntropy: ([x, t], o) => L.crossEntropy(x, t, o as L.CrossEntropyOptions),
  nllLoss: ([x, t], o) => L.nllLoss(x, t, o as L.NLLLossOptions),
  binaryCrossEntropyWithLogits: ([x, t], o) => L.binaryCrossEntropyWithLogits(x, t, o as L.BCEWithLogitsOptions),
  binaryCrossEntropy: ([x, t], o) => L.binaryCrossEntropy(x, t, o as L.BCEOptions),
  multiMarginLoss: ([x, t], o) => L.multiMarginLoss(x, t, o as L.MultiMarginLossOptions),
  hingeEmbeddingLoss: ([x, t], o) => L.hingeEmbeddingLoss(x, t, o as L.HingeEmbeddingLossOptions),
  multiLabelMarginLoss: ([x, t], o) => L.multiLabelMarginLoss(x, t, o as L.MultiLabelMarginLossOptions),
  multiLabelSoftMarginLoss: ([x, t], o) => L.multiLabelSoftMarginLoss(x, t, o as L.MultiLabelSoftMarginLossOptions),
  softMarginLoss: ([x, t], o) => L.softMarginLoss(x, t, o as L.SoftMarginLossOptions),
  sigmoidFocalLoss: ([x, t], o) => L.sigmoidFocalLoss(x, t, o as L.SigmoidFocalLossOptions),
  softmaxFocalLoss: ([x, t], o) => L.softmaxFocalLoss(x, t, o as L.SoftmaxFocalLossOptions),
  mseLoss: ([x, t], o) => L.mseLoss(x, t, o as L.RegressionLossOptions),
  l1Loss: ([x, t], o) => L.l1Loss(x, t, o as L.RegressionLossOptions),
  smoothL1Loss: ([x, t], o) => L.smoothL1Loss(x, t, o as L.SmoothL1LossOptions),
  huberLoss: ([x, t], o) => L.huberLoss(x, t, o as L.HuberLossOptions),
  klDiv: ([x, t], o) => L.klDiv(x, t, o as L.KLDivOptions),
  poissonNllLoss: ([x, t], o) => L.poissonNllLoss(x, t, o as L.PoissonNLLLossOptions),
  gaussianNllLoss: ([x, t, v], o) => L.gaussianNllLoss(x, t, v, o as L.GaussianNLLLossOptions),
  marginRankingLoss: ([a, b, y], o) => L.marginRankingLoss(a, b, y, o as L.MarginRankingLossOptions),
  cosineEmbeddingLoss: ([a, b, y], o) => L.cosineEmbeddingLoss(a, b, y, o as L.CosineEmbeddingLossOptions),
  tripletMarginLoss: ([a, p, n], o) => L.tripletMarginLoss(a, p, n, o as L.TripletMarginLossOptions),
};

/** The same calls through the module classes: `new XLoss(options).forward(...args)`. */
export const MODULES: Record<string, Call> = {
  crossEntropy: ([x, t], o) => new L.CrossEntropyLoss(o as L.CrossEntropyOptions).forward(x, t),
  nllLoss: ([x, t], o) => new L.NLLLoss(o as L.NLLLossOptions).forward(x, t),
  binaryCrossEntropyWithLogits: ([x, t], o) => new L.BCEWithLogitsLoss(o as L.BCEWithLogitsOptions).forward(x, t),
  binaryCrossEntropy: ([x, t], o) => new L.BCELoss(o as L.BCEOptions).forward(x, t),
  multiMarginLoss: ([x, t], o) => new L.MultiMarginLoss(o as L.MultiMarginLossOptions).forward(x, t),
  hingeEmbeddingLoss: ([x, t], o) => new L.HingeEmbeddingLoss(o as L.HingeEmbeddingLossOptions).forward(x, t),
  multiLabelMarginLoss: ([x, t], o) => new L.MultiLabelMarginLoss(o as L.MultiLabelMarginLossOptions).forward(x, t),
  multiLabelSoftMarginLoss: ([x, t], o) => new L.MultiLabelSoftMarginLoss(o as L.MultiLabelSoftMarginLossOptions).forward(x, t),
  softMarginLoss: ([x, t], o) => new L.SoftMarginLoss(o as L.SoftMarginLossOptions).forward(x, t),
  sigmoidFocalLoss: ([x, t], o) => new L.SigmoidFocalLoss(o as L.SigmoidFocalLossOptions).forward(x, t),
  softmaxFocalLoss: ([x, t], o) => new L.SoftmaxFocalLoss(o as L.SoftmaxFocalLossOptions).forward(x, t),
  mseLoss: ([x, t], o) => new L.MSELoss(o as L.RegressionLossOptions).forward(x, t),
  l1Loss: ([x, t], o) => new L.L1Loss(o as L.RegressionLossOptions).forward(x, t),
  smoothL1Loss: ([x, t], o) => new L.SmoothL1Loss(o as L.SmoothL1LossOptions).forward(x, t),
  huberLoss: ([x, t], o) => new L.HuberLoss(o as L.HuberLossOptions).forward(x, t),
  klDiv: ([x, t], o) => new L.KLDivLoss(o as L.KLDivOptions).forward(x, t),
  poissonNllLoss: ([x, t], o) => new L.PoissonNLLLoss(o as L.PoissonNLLLossOptions).forward(x, t),
  gaussianNllLoss: ([x, t, v], o) => new L.GaussianNLLLoss(o as L.GaussianNLLLossOptions).forward(x, t, v),
  marginRankingLoss: ([a, b, y], o) => new L.MarginRankingLoss(o as L.MarginRankingLossOptions).forward(a, b, y),
  cosineEmbeddingLoss: ([a, b, y], o) => new L.CosineEmbeddingLoss(o as L.CosineEmbeddingLossOptions).forward(a, b, y),
  tripletMarginLoss: ([a, p, n], o) => new L.TripletMarginLoss(o as L.TripletMarginLossOptions).forward(a, p, n),
};

/** Decode a case's arguments (those in `gradArgs` as leaves that require grad) and options. */
export function decodeCall(c: LossCall, gradArgs: readonly string[] = []): { args: Tensor[]; options: Options } {
  installAutograd(); // tensors can require grad only with autograd installed (idempotent)
  const args = c.args.map(([name, e]) => decode(e).requiresGrad_(gradArgs.includes(name)));
  const options: Options = { ...c.options };
  for (const [k, v] of Object.entries(c.tensor_options)) options[k] = decode(v);
  return { args, options };
}
