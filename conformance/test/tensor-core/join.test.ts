// Replays fixtures/tensor-core/join.json (generator/tc_join.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('join');
