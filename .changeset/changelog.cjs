// Changelog lines for `changeset version`: changesets' default release lines, and one line (not one
// "Updated dependencies" per changeset) naming the exact @torchlet versions a release pins.
// Self-contained (no requires), so that `changeset version` runs in a scratch copy of the repository.
'use strict';

/** A changeset's summary as a list item (its commit's short hash first, when git knows it). */
async function getReleaseLine(changeset) {
  const [firstLine, ...rest] = changeset.summary.split('\n').map((line) => line.trimEnd());
  const commit = changeset.commit ? `${changeset.commit.slice(0, 7)}: ` : '';
  return [`- ${commit}${firstLine}`, ...rest.map((line) => (line ? `  ${line}` : line))].join('\n');
}

/** One line for the torchlet packages this release pins (inter-package dependencies are exact). */
async function getDependencyReleaseLine(_changesets, dependenciesUpdated) {
  if (dependenciesUpdated.length === 0) return '';
  const pins = dependenciesUpdated.map((d) => `\`${d.name}@${d.newVersion}\``).join(', ');
  return `- Depends on ${pins}.`;
}

module.exports = { default: { getReleaseLine, getDependencyReleaseLine } };
