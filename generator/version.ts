/** tokenkit's own version, read from its package.json. */
import { readFileSync } from 'node:fs';

/** The version written into generated headers and manifests. */
export const GENERATOR_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
