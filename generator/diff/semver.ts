/** The version bump a set of changes calls for. */
import type { Change } from './classify.js';

/** A semver bump, or none. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** Breaking → major, additions → minor, docs only → patch. */
export function bumpFor(changes: readonly Change[]): Bump {
  if (changes.some((c) => c.class === 'breaking')) return 'major';
  if (changes.some((c) => c.class === 'non-breaking')) return 'minor';
  if (changes.length > 0) return 'patch';
  return 'none';
}

/** Applies a bump; in 0.x a breaking change bumps the minor, as semver's 0.x convention has it. */
export function applyBump(version: string, bump: Bump): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match || bump === 'none') return version;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (bump === 'major') return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** Orders two `major.minor.patch` versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^(\d+)\.(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
