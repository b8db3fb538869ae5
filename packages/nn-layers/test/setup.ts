// Tests create tensors that require grad before any Module or Parameter exists (which would install
// autograd themselves): install it once per test file.
import { installAutograd } from '@torchlet/autograd';

installAutograd();
