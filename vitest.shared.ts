// Shared vitest settings for every workspace package: tests run from TypeScript source
// (the "@torchlet/source" export condition), and CI can ask for a JSON report per package.
import { basename } from 'node:path';
import { defaultServerConditions, type UserConfig } from 'vite';

const SOURCE_CONDITION = '@torchlet/source';

export interface TorchletVitestOptions {
  /** Files run before each test file (e.g. one that calls installAutograd()). */
  setupFiles?: string[];
}

export function torchletVitestConfig(packageDir: string, options: TorchletVitestOptions = {}): UserConfig {
  const reportDir = process.env.TORCHLET_VITEST_REPORT_DIR;
  const reporters: string[] = ['default'];
  const outputFile: Record<string, string> = {};
  if (reportDir) {
    reporters.push('json');
    outputFile.json = `${reportDir}/${basename(packageDir)}.json`;
  }
  return {
    resolve: { conditions: [SOURCE_CONDITION] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
    test: {
      root: packageDir,
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      reporters,
      outputFile,
      testTimeout: 60_000,
      setupFiles: options.setupFiles ?? [],
      // tests run on the reference (pure-TypeScript) backend unless TORCHLET_BACKEND picks another:
      // `TORCHLET_BACKEND=wasm npx vitest run` in conformance/ runs the suite on the wasm kernels
      env: { TORCHLET_BACKEND: process.env.TORCHLET_BACKEND ?? 'cpu' },
    },
  } as UserConfig;
}
