// Every test file runs with autograd installed on tensor-core (what torchlet's modules do for users).
import { installAutograd } from '../src/index.js';

installAutograd();
