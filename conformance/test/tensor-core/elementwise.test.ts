// Replays fixtures/tensor-core/elementwise.json (generator/tc_elementwise.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('elementwise');
