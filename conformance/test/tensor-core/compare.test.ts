// Replays fixtures/tensor-core/compare.json (generator/tc_compare.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('compare');
