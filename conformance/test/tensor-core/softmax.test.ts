// Replays fixtures/tensor-core/softmax.json (generator/tc_softmax.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('softmax');
