// For other @torchlet packages; not part of the user-facing API and may change in any release.
export { deepCopyModule } from './module/deep-copy.js';
