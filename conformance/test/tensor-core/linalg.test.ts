// Replays fixtures/tensor-core/linalg.json (generator/tc_linalg.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('linalg');
