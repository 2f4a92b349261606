/** npm package names, judged by npm's own rules (the package npm itself uses). */
import validatePackageName from 'validate-npm-package-name';

/** Why `name` cannot be published as a new npm package, or undefined when it can. */
export function packageNameProblem(name: string): string | undefined {
  const result = validatePackageName(name);
  if (result.validForNewPackages) return undefined;
  return [...(result.errors ?? []), ...(result.warnings ?? [])].join('; ') || 'not a valid npm package name';
}
