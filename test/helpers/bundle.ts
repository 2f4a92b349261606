/** A module bundled as a browser application ships it: esbuild, minified ESM, nothing written. */
import { build } from 'esbuild';

/** Bundles `source` (TypeScript, its imports resolved from `resolveDir`) and returns the output. */
export async function bundleSource(source: string, resolveDir: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
