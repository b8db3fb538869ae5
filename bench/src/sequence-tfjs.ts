// TensorFlow.js's LSTM and transformer-encoder training steps: tfjs-layers' `tf.layers.lstm` + a dense
// head, and an encoder layer built by hand from tfjs ops (tfjs has no attention layer), each stepped
// by `tf.train.sgd(0.01).minimize` over softmax cross entropy, the model of src/sequence-torchlet.ts.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers calls tensor methods (`t.flatten()`) that tfjs-core adds only when this is imported
// (the @tensorflow/tfjs bundle imports it)
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { randomClasses, randomFloats, type Workload } from './workloads.js';

export interface TfStep {
  step(): void;
  /** The loss on the batch, without a step (for tests). */
  loss(): number;
  dispose(): void;
}

function oneHot(n: number, classes: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(randomClasses(n, classes, seed), 'int32'), classes), 'float32'));
}

/** A step that minimises `loss` over `vars` with SGD(lr); `held` are disposed with it. */
function sgdStep(loss: () => tf.Scalar, vars: tf.Variable[], held: Array<{ dispose(): void }>, lr: number): TfStep {
  const opt = tf.train.sgd(lr);
  return {
    step: () => opt.minimize(loss, true, vars)?.dispose(),
    loss: () => tf.tidy(() => loss().dataSync()[0]),
    dispose: () => {
      opt.dispose();
      for (const h of held) h.dispose();
    },
  };
}

/** LSTM(hidden) over [B, T, in] (the final state) -> dense to the classes. dims: [batch, steps, in, hidden, classes]. */
export function tfLstmStep(w: Workload, lr = 0.01): TfStep {
  const [b, t, input, hidden, classes] = w.dims;
  const model = tfl.sequential({ layers: [tfl.layers.lstm({ units: hidden, inputShape: [t, input] }), tfl.layers.dense({ units: classes })] });
  const x = tf.tensor3d(randomFloats(b * t * input, 12), [b, t, input]);
  const labels = oneHot(b, classes, 13);
  const vars = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const loss = (): tf.Scalar => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  return sgdStep(loss, vars, [model, x, labels], lr);
}

/** A Linear's weight [in, out] and bias [out], uniform in +-1/sqrt(in) (PyTorch's bounds). */
function linear(input: number, output: number): [tf.Variable, tf.Variable] {
  const bound = 1 / Math.sqrt(input);
  return [tf.variable(tf.randomUniform([input, output], -bound, bound)), tf.variable(tf.randomUniform([output], -bound, bound))];
}

/** LayerNorm over the last dim: (t - mean) / sqrt(var + 1e-5) * g + b. */
function layerNorm(t: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(t, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
}

/**
 * One post-norm encoder layer (multi-head self-attention, ReLU feed-forward, residuals, LayerNorm,
 * no dropout) -> mean over the steps -> dense to the classes. dims: [batch, steps, dModel, heads, ff, classes].
 */
export function tfEncoderStep(w: Workload, lr = 0.01): TfStep {
  const [b, t, d, heads, ff, classes] = w.dims;
  const dh = d / heads;
  const [wq, bq] = linear(d, d);
  const [wk, bk] = linear(d, d);
  const [wv, bv] = linear(d, d);
  const [wo, bo] = linear(d, d);
  const [w1, c1] = linear(d, ff);
  const [w2, c2] = linear(ff, d);
  const [wh, bh] = linear(d, classes);
  const [g1, n1, g2, n2] = [tf.variable(tf.ones([d])), tf.variable(tf.zeros([d])), tf.variable(tf.ones([d])), tf.variable(tf.zeros([d]))];
  const vars = [wq, bq, wk, bk, wv, bv, wo, bo, w1, c1, w2, c2, wh, bh, g1, n1, g2, n2];
  const x = tf.tensor2d(randomFloats(b * t * d, 14), [b * t, d]);
  const labels = oneHot(b, classes, 15);
  const lin = (a: tf.Tensor, wt: tf.Tensor, bias: tf.Tensor): tf.Tensor => tf.add(tf.matMul(a, wt), bias);
  // [B*T, d] -> [B, heads, T, dh]
  const split = (a: tf.Tensor): tf.Tensor => tf.transpose(tf.reshape(a, [b, t, heads, dh]), [0, 2, 1, 3]);
  const loss = (): tf.Scalar => {
    const q = split(lin(x, wq, bq));
    const k = split(lin(x, wk, bk));
    const v = split(lin(x, wv, bv));
    const att = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)));
    const ctx = tf.reshape(tf.transpose(tf.matMul(att, v), [0, 2, 1, 3]), [b * t, d]);
    const a = layerNorm(tf.add(x, lin(ctx, wo, bo)), g1, n1);
    const h = layerNorm(tf.add(a, lin(tf.relu(lin(a, w1, c1)), w2, c2)), g2, n2);
    const pooled = tf.mean(tf.reshape(h, [b, t, d]), 1);
    return tf.losses.softmaxCrossEntropy(labels, lin(pooled, wh, bh)) as tf.Scalar;
  };
  return sgdStep(loss, vars, [...vars, x, labels], lr);
}
