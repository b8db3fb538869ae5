// Replays fixtures/tensor-core/inplace_autograd.json (generator/tc_inplace_autograd.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('inplace_autograd');
