/**
 * `tokenkit compare --vendor OFFICIAL --spec OURS`: for the operations our handwritten spec covers,
 * what the vendor's official definition says differently (fields, types, status codes, security),
 * and which operations it has under the same paths that ours lacks. Operations are matched by method
 * and path, since vendors rename operationIds. Documentation differences are left out unless asked
 * for: our specs describe things in their own words on purpose.
 */
import { classifyChanges, type Change } from '../diff/classify.js';
import { snapshotModel, wireOperation, type ModelSnapshot, type OperationSnapshot } from '../model/snapshot.js';
import type { LoadOptions } from '../pipeline/load.js';
import { readSpec } from '../pipeline/read-spec.js';

/** The comparison. */
export interface CompareResult {
  /** Ours → theirs, for the operations both have. */
  changes: Change[];
  /** Operations under our paths that only the vendor's definition has. */
  vendorOnly: { operationId: string; method: string; path: string }[];
  /** Our operations the vendor's definition does not have at all. */
  oursOnly: string[];
  /** Operations whose operationId differs: ours → theirs. */
  renamed: { ours: string; theirs: string }[];
}

const route = (op: OperationSnapshot) => `${op.method.toUpperCase()} ${op.path}`;

/** Compares our spec with the vendor's official definition. */
export async function compareWithVendor(vendorFile: string, specFile: string, includeDocs = false, load: LoadOptions = {}): Promise<CompareResult> {
  // The vendor's definition is compared with, not generated from: tokenkit's generation checks are not its business.
  const vendor = wireOnly(snapshotModel((await readSpec(vendorFile, { checks: 'structure', load })).document));
  const ours = wireOnly(snapshotModel((await readSpec(specFile, { load })).document));
  const theirsByRoute = new Map(Object.entries(vendor.operations).map(([id, op]) => [route(op), [id, op] as const]));
  const matched: ModelSnapshot = { operations: {}, schemas: vendor.schemas, securitySchemes: vendor.securitySchemes };
  const result: CompareResult = { changes: [], vendorOnly: [], oursOnly: [], renamed: [] };
  for (const [id, op] of Object.entries(ours.operations)) {
    const theirs = theirsByRoute.get(route(op));
    if (!theirs) {
      result.oursOnly.push(id);
      continue;
    }
    if (theirs[0] !== id) result.renamed.push({ ours: id, theirs: theirs[0] });
    matched.operations[id] = theirs[1];
  }
  const oursCovered: ModelSnapshot = { ...ours, operations: Object.fromEntries(Object.entries(ours.operations).filter(([id]) => id in matched.operations)) };
  result.changes = classifyChanges(oursCovered, matched).filter((c) => c.operation !== undefined && (includeDocs || c.class !== 'docs'));
  const paths = new Set(Object.values(ours.operations).map((op) => op.path));
  const oursRoutes = new Set(Object.values(ours.operations).map(route));
  for (const [id, op] of Object.entries(vendor.operations)) {
    if (paths.has(op.path) && !oursRoutes.has(route(op))) result.vendorOnly.push({ operationId: id, method: op.method.toUpperCase(), path: op.path });
  }
  return result;
}

/** The snapshot as the wire has it: the vendor's definition knows nothing of our resources and pagination. */
function wireOnly(snapshot: ModelSnapshot): ModelSnapshot {
  return { ...snapshot, operations: Object.fromEntries(Object.entries(snapshot.operations).map(([id, op]) => [id, wireOperation(op)])) };
}

/** The comparison for people, by line. */
export function formatCompare(result: CompareResult): string[] {
  const lines: string[] = [];
  for (const r of result.renamed) lines.push(`operationId  ours \`${r.ours}\`, theirs \`${r.theirs}\``);
  for (const c of result.changes) lines.push(`${c.class.padEnd(13)}${c.operation ?? ''}: ${c.message} (ours → theirs)`);
  for (const v of result.vendorOnly) lines.push(`vendor-only  ${v.method} ${v.path} (\`${v.operationId}\`) is not in our spec`);
  for (const id of result.oursOnly) lines.push(`ours-only    \`${id}\` has no operation at the same method and path in the vendor's definition`);
  lines.push('', lines.length === 0 ? 'no differences for the operations our spec covers' : `${lines.length} difference${lines.length === 1 ? '' : 's'}`);
  return lines;
}
