// Replays fixtures/tensor-core/views.json (generator/tc_views.py) against torchlet.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('views');
