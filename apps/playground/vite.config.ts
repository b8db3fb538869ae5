import { defaultClientConditions, defineConfig } from 'vite';

// The @torchlet packages are bundled from their TypeScript source (the "@torchlet/source" export
// condition, as the trainer's build does), so the page needs no other package built first.
export default defineConfig({
  base: './',
  resolve: { conditions: ['@torchlet/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: { target: 'es2022' },
});
