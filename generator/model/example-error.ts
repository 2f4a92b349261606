/**
 * The error a documentation example catches and the catch branch that reaches its typed body: the
 * docs pages and the README show the same handling.
 */
import { errorClassName } from '../../templates/runtime/error-table.js';
import type { OperationView } from './types.js';

// The statuses a caller most likely handles, most likely first: the docs' examples catch the first
// one an operation declares. Classes come from the runtime's status table.
const EXAMPLE_STATUS_PREFERENCE = [404, 409, 422, 400, 429, 401, 403, 500];

/**
 * The error an example of `op` catches, and the body type its guard gives it when that is one named
 * type the example can import (a model); undefined when the operation declares no error status.
 */
export function exampleError(op: Pick<OperationView, 'errorBodies'>): { className: string; bodyType: string | undefined } | undefined {
  for (const status of EXAMPLE_STATUS_PREFERENCE) {
    const className = errorClassName(status);
    const bodies = op.errorBodies.filter((b) => b.className === className);
    if (bodies.length === 0) continue;
    const [only] = bodies;
    return { className, bodyType: bodies.length === 1 && only?.isModel === true ? only.bodyType : undefined };
  }
  return undefined;
}

/** The first branch of an example's catch, left open: the operation's guard, then the class, whose body is typed. */
export function guardedCatch(guardName: string, className: string, bodyType: string | undefined): string[] {
  return [
    `  // ${guardName} narrows err to the errors the spec declares; err.body is then typed by status.`,
    `  if (${guardName}(err) && err instanceof ${className}) {`,
    ...(bodyType
      ? [`    const body: ${bodyType} = err.body;`, `    console.error('${className}:', err.status, body);`]
      : [`    console.error('${className}:', err.status, err.body);`]),
  ];
}
