// The API reference: `pnpm run docs` builds one TypeDoc site from every published package's
// src/index.ts (TypeScript sources, so no build first) into docs/api/ (git-ignored). Each package's
// README is its page. `@pytorch` is the tag that names an export's PyTorch equivalent
// (CONTRIBUTING.md, "Documenting an export"); scripts/check-api-docs.mjs checks every export has one.
import { OptionDefaults } from 'typedoc';

const blockTags = [...OptionDefaults.blockTags, '@pytorch'];
// every validation on, except "referenced but not exported": the public API names helper types
// (an option bag's field types, a scheduler's phases) that a package keeps to itself
const validation = { notExported: false, invalidLink: true, rewrittenLink: true, notDocumented: false, unusedMergeModuleWith: true };

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'torchlet',
  entryPointStrategy: 'packages',
  entryPoints: ['packages/*'],
  packageOptions: {
    entryPoints: ['src/index.ts'],
    tsconfig: 'tsconfig.json',
    readme: 'README.md',
    blockTags,
    validation,
    excludePrivate: true,
    excludeProtected: true,
    excludeInternal: true,
  },
  readme: 'docs/api-index.md',
  // the heading of the @pytorch section
  locales: { en: { tag_pytorch: 'PyTorch' } },
  out: 'docs/api',
  blockTags,
  validation,
  excludePrivate: true,
  excludeProtected: true,
  excludeInternal: true,
};
