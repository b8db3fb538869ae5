// Replays fixtures/tensor-core/reduce.json (generator/tc_reduce.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('reduce');
