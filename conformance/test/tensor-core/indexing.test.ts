// Replays fixtures/tensor-core/indexing.json (generator/tc_indexing.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('indexing');
