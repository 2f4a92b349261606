/** `tokenkit lint SPEC`: Redocly's recommended rules plus tokenkit's own generation checks. */
import { buildApi, packageDirName } from '../model/build-api.js';
import { formatIssue, SpecError, type SpecIssue } from '../issues.js';
import { loadSpec, type LoadOptions } from '../pipeline/load.js';
import { lintIssues, validateSpec } from '../pipeline/validate.js';

/** Lints specs; throws SpecError when any has an error. Warnings are printed, not fatal. */
export async function lint(files: string[], log: (line: string) => void = (l) => process.stdout.write(`${l}\n`), load: LoadOptions = {}): Promise<void> {
  const errors: SpecIssue[] = [];
  for (const file of files) {
    const spec = await loadSpec(file, load);
    for (const warning of await validateSpec(spec)) log(`warning  ${formatIssue(warning)}`);
    buildApi(spec, { name: packageDirName(file), version: '0.0.0', generatorVersion: '0.0.0', specPath: file });
    const all = await lintIssues(spec, 'recommended', true);
    const failing = all.filter((i) => i.severity === 'error');
    for (const issue of all) if (issue.severity !== 'error') log(`warning  ${formatIssue(issue)}`);
    errors.push(...failing.map(({ severity: _severity, ...issue }) => issue));
    log(`${failing.length === 0 ? 'ok' : 'fail'}  ${file}  ${failing.length} errors, ${all.length - failing.length} warnings`);
  }
  if (errors.length > 0) throw new SpecError(errors);
}
