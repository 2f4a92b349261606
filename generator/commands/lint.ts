/** `tokenkit lint SPEC`: Redocly's recommended rules plus tokenkit's own generation checks. */
import { buildApi } from '../model/build-api.js';
import { formatIssue, SpecError } from '../issues.js';
import { loadSpec } from '../pipeline/load.js';
import { lintIssues, validateSpec } from '../pipeline/validate.js';
import { packageDirName } from '../model/build-api.js';

/** Lints specs; throws SpecError when any has an error. Warnings are printed, not fatal. */
export async function lint(files: string[], log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  const errors = [];
  for (const file of files) {
    const spec = await loadSpec(file);
    await validateSpec(spec);
    buildApi(spec, { name: packageDirName(file), version: '0.0.0', generatorVersion: '0.0.0', specPath: file });
    const all = await lintIssues(spec, 'recommended', true);
    const failing = await lintIssues(spec, 'recommended');
    for (const issue of all) if (!failing.includes(issue)) log(`warning  ${formatIssue(issue)}`);
    errors.push(...failing);
    log(`${failing.length === 0 ? 'ok' : 'fail'}  ${file}  ${failing.length} errors, ${all.length - failing.length} warnings`);
  }
  if (errors.length > 0) throw new SpecError(errors);
}
