// Replays fixtures/tensor-core/errors.json (generator/tc_errors.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('errors');
