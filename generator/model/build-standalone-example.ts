/** The README's example of a standalone function: one operation over the package's lean core. */
import { mdFence } from '../escape/markdown.js';
import { clientSetup, exampleSchemes } from './client-setup.js';
import type { ApiCoreView, OperationView, ResourceDocView, ResourceView } from './types.js';

/**
 * A complete program calling one operation as a standalone function, which a bundler can take as it
 * is: the import names only the core class and the one function, so everything else is left out.
 * The call's arguments are those of the operation's doc page; empty when the package has no operations.
 */
export function buildStandaloneExample(api: ApiCoreView, resource: ResourceView | undefined, op: OperationView | undefined, docs: ResourceDocView[]): string {
  if (resource === undefined || op === undefined) return '';
  const callExpr = docs.flatMap((d) => d.operations).find((o) => o.methodName === op.methodName)?.callExpr;
  if (callExpr === undefined) return '';
  const method = `client.${resource.property}.${op.methodName}(`;
  const args = callExpr.slice(method.length, -1);
  const call = `${op.functionName}(core${args === '' ? '' : `, ${args}`})`;
  const setup = clientSetup(api, exampleSchemes(api, op)).replace(`const client = new ${api.clientClass}(`, `const core = new ${api.coreClass}(`);
  return mdFence(
    'ts',
    [
      `import { ${api.coreClass}, ${op.functionName} } from '${api.packageName}';`,
      '',
      '// The core holds the options, credentials and transport; it has no operations of its own.',
      setup,
      '',
      ...(op.resultType === 'void'
        ? [`await ${call};`]
        : [`const result = await ${call};`, 'console.log(result);', '', '// Status and headers too, as with the methods.']),
      `const { status, headers } = await ${call}.withResponse();`,
      "console.log(status, headers.get('content-type'));",
    ].join('\n'),
  );
}
