// Replays fixtures/tensor-core/creation.json (generator/tc_creation.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('creation');
