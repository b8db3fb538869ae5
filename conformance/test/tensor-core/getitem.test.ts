// Replays fixtures/tensor-core/getitem.json (generator/tc_getitem.py): PyTorch's x[idx], x[idx] = v and index_put_.
import { replayFixture } from '../../src/tensor-core/replay.js';

replayFixture('getitem');
