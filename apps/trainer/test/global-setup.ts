import { execFileSync } from 'node:child_process';
import { APP_DIR } from './helpers.js';

/**
 * The end-to-end tests spawn the built CLI: build it first. The build bundles the @torchlet/*
 * packages from source (see tsup.config.ts), so it needs nothing else built.
 */
export default function setup(): void {
  execFileSync('pnpm', ['exec', 'tsup', '--silent'], { cwd: APP_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
}
