// Every conformance test file runs with autograd installed on tensor-core, as a program using
// torchlet's modules, losses or optimizers does: the gradient checks create leaves that require grad.
import { installAutograd } from '@torchlet/autograd';

installAutograd();
