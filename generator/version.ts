/** tokenkit's own version, read from its package.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './paths.js';

interface OwnManifest {
  version: string;
  engines: { node: string };
  dependencies: Record<string, string>;
}

const own = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as OwnManifest;

/** The version written into generated headers and manifests. */
export const GENERATOR_VERSION: string = own.version;

/** The version tokenkit pins of a package generated packages also use, as a caret range. */
function pinnedRange(name: string): string {
  const pinned = own.dependencies[name];
  if (pinned === undefined || !/^\d+\.\d+\.\d+$/.test(pinned)) throw new Error(`tokenkit's package.json must pin ${name} to an exact version`);
  return `^${pinned}`;
}

/**
 * What generated packages require, from the one place tokenkit declares it: its own package.json.
 * The packages run and are tested on the Node.js, openapi-fetch and TypeScript tokenkit itself uses.
 */
export const PACKAGE_TOOLCHAIN = {
  /** `engines.node`, e.g. `>=20.19`. */
  nodeEngine: own.engines.node,
  /** The oldest Node.js release supported, for prose: `20.19`. */
  nodeMinimum: own.engines.node.replace(/^>=\s*/, ''),
  openapiFetchRange: pinnedRange('openapi-fetch'),
  typescriptRange: pinnedRange('typescript'),
  /**
   * The shared runtime package's range (see pipeline/runtime-package.ts): it is versioned with
   * tokenkit, so a package needs the runtime of the tokenkit that generated it or a later patch: `~`,
   * since the modules the clients import may change in a minor release.
   */
  runtimeRange: `~${own.version}`,
} as const;
