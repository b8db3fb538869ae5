import { torchletVitestConfig } from '../../vitest.shared.ts';

export default torchletVitestConfig(import.meta.dirname);
