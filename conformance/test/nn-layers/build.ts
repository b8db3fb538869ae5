// Shared by the nn-layers conformance tests: build the torchlet module a fixture case describes,
// and turn encoded state dicts into tensors.
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  Conv1d,
  Conv2d,
  Dropout,
  ELU,
  Embedding,
  Flatten,
  GELU,
  Hardswish,
  Hardtanh,
  Identity,
  LayerNorm,
  LeakyReLU,
  Linear,
  LogSigmoid,
  LogSoftmax,
  MaxPool2d,
  Mish,
  Module,
  ModuleDict,
  ModuleList,
  PReLU,
  ReLU,
  Sequential,
  Sigmoid,
  SiLU,
  Softmax,
  Softmax2d,
  Softmin,
  Softplus,
  Tanh,
  type ConvPaddingMode,
  type TensorModule,
} from '@torchlet/nn-layers';
import type { Tensor } from '@torchlet/tensor-core';
import { decodeOnCpu, type EncodedTensor } from '../../src/fixtures.js';

export type Options = Record<string, unknown>;
type Arg = number | (number | null)[];

const n = (v: unknown): number => v as number;

/** The torchlet module for a fixture's (layer, args, options), mirroring the PyTorch constructor call. */
export function buildLayer(layer: string, args: Arg[], o: Options): TensorModule {
  const a = args as unknown as number[];
  switch (layer) {
    case 'Linear':
      return new Linear(a[0], a[1], { bias: o.bias as boolean | undefined });
    case 'Conv1d':
    case 'Conv2d': {
      const C = layer === 'Conv1d' ? Conv1d : Conv2d;
      return new C(a[0], a[1], args[2] as number | number[], {
        stride: o.stride as number | number[] | undefined,
        padding: o.padding as number | number[] | 'same' | 'valid' | undefined,
        dilation: o.dilation as number | number[] | undefined,
        groups: o.groups as number | undefined,
        bias: o.bias as boolean | undefined,
        paddingMode: o.paddingMode as ConvPaddingMode | undefined,
      });
    }
    case 'MaxPool2d':
      return new MaxPool2d(args[0] as number | number[], {
        stride: o.stride as number | number[] | undefined,
        padding: o.padding as number | undefined,
        dilation: o.dilation as number | undefined,
        ceilMode: o.ceilMode as boolean | undefined,
      });
    case 'AvgPool2d':
      return new AvgPool2d(args[0] as number | number[], {
        stride: o.stride as number | number[] | undefined,
        padding: o.padding as number | undefined,
        ceilMode: o.ceilMode as boolean | undefined,
        countIncludePad: o.countIncludePad as boolean | undefined,
        divisorOverride: o.divisorOverride as number | undefined,
      });
    case 'AdaptiveAvgPool2d':
      return new AdaptiveAvgPool2d(args[0] as number | (number | null)[]);
    case 'BatchNorm1d':
    case 'BatchNorm2d': {
      const B = layer === 'BatchNorm1d' ? BatchNorm1d : BatchNorm2d;
      return new B(a[0], {
        eps: o.eps as number | undefined,
        momentum: o.momentum as number | null | undefined,
        affine: o.affine as boolean | undefined,
        trackRunningStats: o.trackRunningStats as boolean | undefined,
      });
    }
    case 'LayerNorm':
      return new LayerNorm(args[0] as number | number[], { eps: o.eps as number | undefined, elementwiseAffine: o.elementwiseAffine as boolean | undefined });
    case 'Dropout':
      return new Dropout(o.p as number | undefined);
    case 'Embedding':
      return new Embedding(a[0], a[1], { paddingIdx: o.paddingIdx as number | undefined });
    case 'Flatten':
      return new Flatten(o.startDim as number | undefined, o.endDim as number | undefined);
    case 'Identity':
      return new Identity();
    case 'ReLU':
      return new ReLU();
    case 'LeakyReLU':
      return new LeakyReLU(args.length > 0 ? n(args[0]) : undefined);
    case 'GELU':
      return new GELU({ approximate: o.approximate as 'none' | 'tanh' | undefined });
    case 'SiLU':
      return new SiLU();
    case 'Sigmoid':
      return new Sigmoid();
    case 'Tanh':
      return new Tanh();
    case 'Softmax':
      return new Softmax(n(o.dim));
    case 'LogSoftmax':
      return new LogSoftmax(n(o.dim));
    case 'ELU':
      return new ELU({ alpha: o.alpha as number | undefined });
    case 'Hardtanh':
      return new Hardtanh({ minVal: o.minVal as number | undefined, maxVal: o.maxVal as number | undefined });
    case 'Softplus':
      return new Softplus({ beta: o.beta as number | undefined, threshold: o.threshold as number | undefined });
    case 'PReLU':
      return new PReLU({ numParameters: o.numParameters as number | undefined, init: o.init as number | undefined });
    case 'Mish':
      return new Mish();
    case 'Hardswish':
      return new Hardswish();
    case 'LogSigmoid':
      return new LogSigmoid();
    case 'Softmin':
      return new Softmin(n(o.dim));
    case 'Softmax2d':
      return new Softmax2d();
    default:
      throw new Error(`no builder for layer ${layer}`);
  }
}

/** The generator's build_model(name), layer for layer. */
export function buildModel(name: string): Sequential | Module {
  switch (name) {
    case 'cnn':
      return new Sequential(
        new Conv2d(1, 4, 3, { padding: 1 }), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
        new Conv2d(4, 6, 3, { stride: 1 }), new GELU(), new AdaptiveAvgPool2d(2), new Flatten(), new Linear(24, 3),
      );
    case 'mlp':
      return new Sequential(
        new Linear(5, 8), new LayerNorm(8), new SiLU(), new Dropout(0.0), new Linear(8, 8), new Tanh(), new Linear(8, 3), new LogSoftmax(1),
      );
    case 'nested': {
      class Nested extends Module {
        constructor() {
          super();
          this.registerModule('features', new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2), new ReLU()));
          this.registerModule('heads', new ModuleDict({ cls: new Linear(2, 3), box: new Linear(2, 4, { bias: false }) }));
          this.registerModule(
            'blocks',
            new ModuleList([new LayerNorm(2), new Sequential(new Linear(2, 2), new Embedding(4, 2, { paddingIdx: 0 }) as unknown as TensorModule)]),
          );
        }
        forward(): never {
          throw new Error('not used');
        }
      }
      return new Nested();
    }
    case 'bn-no-stats':
      return new BatchNorm1d(3, { trackRunningStats: false });
    case 'bn-no-affine':
      return new BatchNorm2d(3, { affine: false });
    default:
      throw new Error(`no model ${name}`);
  }
}

export function decodeState(state: Record<string, EncodedTensor>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(state)) out[k] = decodeOnCpu(v); // loadStateDict copies onto the module's device
  return out;
}
