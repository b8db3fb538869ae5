// torchlet's sequence models for the LSTM and transformer-encoder training steps (the same models
// as python/bench_torch.py writes in PyTorch): a body over [B, T, F] float steps and a Linear head.
import { LSTM, Linear, Module, TransformerEncoderLayer } from '@torchlet/nn-layers';
import type { Tensor } from '@torchlet/tensor-core';

/** LSTM(batch_first) -> the final hidden state -> Linear to the classes. */
export class LstmClassifier extends Module {
  readonly lstm: LSTM;
  readonly head: Linear;

  constructor(input: number, hidden: number, classes: number) {
    super();
    this.lstm = new LSTM(input, hidden, { batchFirst: true });
    this.head = new Linear(hidden, classes);
  }

  forward(x: Tensor): Tensor {
    const [, [h]] = this.lstm.forward(x);
    return this.head.forward(h.select(0, 0));
  }
}

/** One TransformerEncoderLayer(batch_first, no dropout) -> mean over the steps -> Linear to the classes. */
export class EncoderClassifier extends Module {
  readonly layer: TransformerEncoderLayer;
  readonly head: Linear;

  constructor(dModel: number, heads: number, ff: number, classes: number) {
    super();
    this.layer = new TransformerEncoderLayer(dModel, heads, { dimFeedforward: ff, dropout: 0, batchFirst: true });
    this.head = new Linear(dModel, classes);
  }

  forward(x: Tensor): Tensor {
    return this.head.forward(this.layer.forward(x).mean(1));
  }
}
