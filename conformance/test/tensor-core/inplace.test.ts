// Replays fixtures/tensor-core/inplace.json (generator/tc_inplace.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('inplace');
