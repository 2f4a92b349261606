/**
 * Which overlays a spec gets: the one beside it (`<name>.overlay.yaml`, `.yml` or `.json`), applied
 * automatically, then those named on the command line, in order.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { SpecError } from '../issues.js';

/** Overlay files by their name: `<spec name>.overlay.yaml`, `.yml` or `.json`. */
export const OVERLAY_FILE = /\.overlay\.(ya?ml|json)$/i;

/** Whether a file in specs/ is an overlay rather than a spec. */
export function isOverlayFile(file: string): boolean {
  return OVERLAY_FILE.test(path.basename(file));
}

/** The names an overlay beside `specFile` may have, in the order they are looked for. */
export function siblingOverlayNames(specFile: string): string[] {
  const stem = path.basename(specFile).replace(/\.(ya?ml|json)$/i, '');
  return ['yaml', 'yml', 'json'].map((ext) => path.join(path.dirname(specFile), `${stem}.overlay.${ext}`));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The overlay beside a spec, if there is one; two of them (say `.yaml` and `.json`) is a problem. */
export async function siblingOverlay(specFile: string): Promise<string | undefined> {
  if (isOverlayFile(specFile)) return undefined;
  const found: string[] = [];
  for (const candidate of siblingOverlayNames(specFile)) if (await exists(candidate)) found.push(candidate);
  if (found.length > 1)
    throw new SpecError([
      {
        code: 'overlay-ambiguous',
        message: `${found.map((f) => path.basename(f)).join(' and ')} are both overlays of this spec; keep one`,
        file: specFile,
        pointer: '',
      },
    ]);
  return found[0];
}
