/**
 * `tokenkit diff OLD NEW`: what changed between two spec versions, each change classed breaking,
 * non-breaking or docs, and the semver bump they call for. `tokenkit diff PACKAGE` compares the
 * snapshot a generated package recorded with its spec as it is now.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { classifyChanges, type Change } from '../diff/classify.js';
import { bumpFor, type Bump } from '../diff/semver.js';
import { snapshotModel, type ModelSnapshot } from '../model/snapshot.js';
import type { LoadOptions } from '../pipeline/load.js';
import { readSpec } from '../pipeline/read-spec.js';
import { readPrevious } from '../pipeline/previous-release.js';
import { listTargets } from './targets.js';
import { UsageError } from '../usage-error.js';
import { ChangesFound, NotReadyError } from '../errors.js';
import { jsonLines } from '../output.js';

/** The result of a diff. */
export interface DiffResult {
  changes: Change[];
  bump: Bump;
}

/** What is at `file`: a directory, a file, or nothing. */
async function kindOf(file: string): Promise<'directory' | 'file' | undefined> {
  return stat(file).then(
    (s) => (s.isDirectory() ? 'directory' : 'file'),
    () => undefined,
  );
}

// Through the same front-end as generate, so a Swagger 2.0 spec is compared as the OpenAPI 3 document it generates from.
async function specSnapshot(file: string, load: LoadOptions): Promise<ModelSnapshot> {
  return snapshotModel((await readSpec(file, { load })).document);
}

/** Diffs two specs, or a package's recorded snapshot with its current spec. */
export async function diffSpecs(oldRef: string, newRef: string | undefined, root = process.cwd(), load: LoadOptions = {}): Promise<DiffResult> {
  let before: ModelSnapshot;
  let after: ModelSnapshot;
  if (newRef !== undefined) {
    [before, after] = [await specSnapshot(oldRef, load), await specSnapshot(newRef, load)];
  } else {
    // A file is a mistake wherever it is run: said before the project is looked for.
    if ((await kindOf(oldRef)) === 'file') throw new UsageError(`${oldRef} is a file: name two specs, or one generated package`);
    const targets = await listTargets(root);
    // A package may be named by its directory too (`generated/quay`).
    const byDir = targets.find((t) => path.resolve(root, oldRef) === path.resolve(t.outDir));
    const kind = byDir === undefined ? await kindOf(oldRef) : undefined;
    if (kind === 'directory')
      throw new UsageError(`${oldRef} is a directory, not a generated package: name a package (\`tokenkit diff <name>\`) or two spec files`);
    const target = byDir ?? targets.find((t) => t.name === oldRef || `@tokenkit/${t.name}` === oldRef);
    if (!target) throw new UsageError(`no generated package named ${oldRef}`);
    const previous = await readPrevious(target.outDir);
    if (!previous) throw new NotReadyError(`${path.relative(root, target.outDir)} has no manifest to compare with; run \`tokenkit generate\` first`);
    before = previous.model;
    after = await specSnapshot(target.specFile, load);
  }
  const changes = classifyChanges(before, after);
  return { changes, bump: bumpFor(changes) };
}

/** A diff for people, or as JSON, by line: a change's message is one line whatever its spec strings hold. */
export function formatDiff(result: DiffResult, json: boolean): string[] {
  if (json) return jsonLines(result);
  const width = 'non-breaking'.length + 2;
  const lines = result.changes.map((c) => `${c.class.padEnd(width)}${c.operation ? `${c.operation}: ` : ''}${c.message}`);
  const count = (cls: Change['class']) => result.changes.filter((c) => c.class === cls).length;
  lines.push(
    '',
    result.changes.length === 0
      ? 'no changes → no version bump'
      : `${result.changes.length} change${result.changes.length === 1 ? '' : 's'}: ${count('breaking')} breaking, ${count('non-breaking')} non-breaking, ${count('docs')} docs → ${result.bump}`,
  );
  return lines;
}

/** How severe each class of change is, for `--fail-on`. */
const SEVERITY: Record<Change['class'], number> = { docs: 0, 'non-breaking': 1, breaking: 2 };

/** Throws {@link ChangesFound} when a change of class `threshold`, or a more severe one, is in the diff. */
export function failOn(result: DiffResult, threshold: Change['class']): void {
  const found = result.changes.filter((c) => SEVERITY[c.class] >= SEVERITY[threshold]);
  if (found.length > 0) throw new ChangesFound(`${found.length} change${found.length === 1 ? '' : 's'} at or above ${threshold} (--fail-on ${threshold})`);
}
