import { installAutograd } from '@torchlet/autograd';

installAutograd();
