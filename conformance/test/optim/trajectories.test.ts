// Optimizer trajectories from PyTorch 1.13: the same gradients fed at each step must give the same
// params after every step, the same final state, and the same result when resumed from a state dict.
import { describeTrajectories } from './trajectory-suite.js';

describeTrajectories('optimizer trajectories (PyTorch fixtures)', 'trajectories', [
  'SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'NAdam', 'RAdam',
]);
