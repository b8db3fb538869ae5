// ASGD and Rprop trajectories from PyTorch 1.13 (cases_optim_extra.py): params after every step, the
// final state (ASGD's eta, mu and averaged ax; Rprop's prev and per-element step sizes), and resuming.
import { describeTrajectories } from './trajectory-suite.js';

describeTrajectories('ASGD and Rprop trajectories (PyTorch fixtures)', 'extra_trajectories', ['ASGD', 'Rprop']);
