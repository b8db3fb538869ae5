// Tests create parameters that require grad before any optimizer exists (whose constructor would install it).
import { installAutograd } from '@torchlet/autograd';

installAutograd();
