#!/usr/bin/env node
// Run by the release workflow right before `pnpm release`: npm accepts a package published with
// provenance only when its package.json's repository.url is the GitHub repository the workflow runs
// in, so a missing or wrong `repository` would fail the publish halfway. This checks every published
// package first (repository.url, repository.directory, publishConfig) and says what to fix.
// Usage: node scripts/check-publish-manifests.mjs [repo root]; GITHUB_REPOSITORY (owner/name, set by
// GitHub Actions) is the repository expected; without it the URL is only required to be on github.com.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const expected = process.env.GITHUB_REPOSITORY ? `https://github.com/${process.env.GITHUB_REPOSITORY}` : undefined;
const normalize = (url) => String(url ?? '').replace(/^git\+/, '').replace(/\.git$/, '').replace(/^git:\/\//, 'https://');

const problems = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', dir, 'package.json');
  if (!existsSync(file)) continue;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (manifest.private) continue;
  const repo = manifest.repository;
  const url = normalize(typeof repo === 'string' ? repo : repo?.url);
  if (!url) problems.push(`${manifest.name}: no repository.url (npm provenance needs it)`);
  else if (expected && url !== expected) problems.push(`${manifest.name}: repository.url is ${url}, the workflow runs in ${expected}`);
  else if (!expected && !/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(url)) problems.push(`${manifest.name}: repository.url ${url} is not a GitHub repository`);
  if (url && (typeof repo !== 'object' || repo.directory !== `packages/${dir}`)) {
    problems.push(`${manifest.name}: repository.directory should be "packages/${dir}"`);
  }
  if (manifest.publishConfig?.access !== 'public' || manifest.publishConfig?.provenance !== true) {
    problems.push(`${manifest.name}: publishConfig should be { "access": "public", "provenance": true }`);
  }
}

if (problems.length > 0) {
  console.error(`Not ready to publish:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  console.error('Add to each published package.json: "repository": { "type": "git", "url": "git+https://github.com/<owner>/<repo>.git", "directory": "packages/<dir>" } (see RELEASING.md).');
  process.exit(1);
}
console.log(`Published manifests ready${expected ? ` for ${expected}` : ''}.`);
