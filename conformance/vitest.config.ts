import type { ViteUserConfig } from 'vitest/config';
import { torchletVitestConfig } from '../vitest.shared.ts';
import { CaseCountReporter } from './src/case-count-reporter.ts';

// The shared settings, plus a reporter that prints how many fixture cases ran per package.
const config = torchletVitestConfig(import.meta.dirname) as ViteUserConfig;
const test = config.test ?? {};
const reporters = Array.isArray(test.reporters) ? test.reporters : test.reporters ? [test.reporters] : ['default'];
config.test = { ...test, reporters: [...reporters, new CaseCountReporter(import.meta.dirname)] };

export default config;
