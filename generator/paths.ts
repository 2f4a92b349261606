/**
 * Where the project's own files are. This module sits one level below the root both as source
 * (generator/paths.ts) and in the bundled CLI (dist/tokenkit.js), so one relative URL serves both.
 */
import { fileURLToPath } from 'node:url';

/** The tokenkit project root, with a trailing separator. */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
