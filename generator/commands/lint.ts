/**
 * `tokenkit lint SPEC…`: the spec front-end every command uses, strictly (a warning is a problem),
 * plus Redocly's recommended rules. Every finding is printed the same way on stdout; any error fails.
 */
import { formatIssue, SpecError, type SpecIssue } from '../issues.js';
import { loadSpec, type LoadedSpec, type LoadOptions } from '../pipeline/load.js';
import { readLoadedSpec } from '../pipeline/read-spec.js';
import { lintIssues } from '../pipeline/validate.js';
import { relocateIssues } from '../pipeline/overlay-provenance.js';
import { printLine } from '../output.js';

/** Lints specs; throws SpecError when any has an error. */
export async function lint(files: string[], log: (line: string) => void = printLine, load: LoadOptions = {}): Promise<void> {
  const errors: SpecIssue[] = [];
  for (const file of files) {
    let found: SpecIssue[] = [];
    let style: Awaited<ReturnType<typeof lintIssues>> = [];
    let loaded: LoadedSpec | undefined;
    try {
      loaded = await loadSpec(file, load);
      await readLoadedSpec(loaded, { strict: true });
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      // A problem that stops generation does not hide the style findings: a file that loads is
      // linted all the same.
      found = err.issues;
    }
    if (loaded) style = relocateIssues(await lintIssues(loaded, 'recommended', true), loaded.file, loaded.overlayWrites);
    // The recommended rules include some of the generation rules: a finding is printed once.
    const seen = new Set(found.map((i) => formatIssue(i)));
    const styleErrors = style.filter((i) => i.severity === 'error').map(({ severity: _severity, ...issue }) => issue);
    const failing = [...found, ...styleErrors.filter((i) => !seen.has(formatIssue(i)))];
    const advisory = style.filter((i) => i.severity !== 'error');
    for (const issue of failing) log(`error    ${formatIssue(issue)}`);
    for (const issue of advisory) log(`warning  ${formatIssue(issue)}`);
    errors.push(...failing);
    log(`${failing.length === 0 ? 'ok' : 'fail'}  ${file}  ${failing.length} errors, ${advisory.length} warnings`);
  }
  if (errors.length > 0) throw new SpecError(errors, { printed: true });
}
