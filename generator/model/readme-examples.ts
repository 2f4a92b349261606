/**
 * The README's example programs: quick start, credentials, errors, retries and timeouts, pagination
 * and the raw client. Each is a complete program, fenced, type-checked by the docs tests.
 */
import { mdFence } from '../escape/markdown.js';
import { DEFAULT_TIMEOUT_MS } from '../../templates/runtime/options.js';
import { DEFAULT_RETRY } from '../../templates/runtime/retry.js';
import { envVar } from './client-setup.js';
import { exampleError, guardedCatch } from './example-error.js';
import type { ApiCoreView, OperationDocView, OperationView, ResourceView, SecuritySchemeView } from './types.js';

/** The import of the client class and `names` from the package. */
function importLine(api: Pick<ApiCoreView, 'clientClass' | 'packageName'>, names: string[]): string {
  return `import { ${[api.clientClass, ...names].join(', ')} } from '${api.packageName}';`;
}

/** `60 000`: a number of milliseconds as the README prints it. */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ' ');
}

/** The quick start: the client made with `setup`, then `call` awaited plain and with its response. */
export function quickStartExample(api: ApiCoreView, setup: string, call: string | undefined): string {
  const callLines = call
    ? [
        `const result = await ${call};`,
        'console.log(result);',
        '',
        '// The same call with its status and headers.',
        `const { data, status, headers } = await ${call}.withResponse();`,
        "console.log(status, headers.get('content-type'), data);",
      ]
    : [];
  return mdFence('ts', [importLine(api, []), '', setup, ...(callLines.length > 0 ? ['', callLines.join('\n')] : [])].join('\n'));
}

/**
 * Credentials from the environment (when the package reads any), then a credential as a function,
 * which the client never prints; for `schemes`, the requirement the README's calls need (every
 * scheme of it, where a spec asks for two at once), else the package's first scheme.
 */
export function authExample(api: ApiCoreView, schemes: SecuritySchemeView[]): string {
  const options = (schemes.length > 0 ? schemes : api.securitySchemes.slice(0, 1)).flatMap((s) => s.optionNames);
  return mdFence(
    'ts',
    [
      importLine(api, []),
      '',
      ...(api.authOptions.length > 0
        ? [
            `// With ${options.map((o) => envVar(api, o)).join(' and ')} set, no option is needed.`,
            `const fromEnvironment = new ${api.clientClass}();`,
            'console.log(fromEnvironment);',
            '',
          ]
        : []),
      '// A credential may also be a function, read afresh for every request (for rotation).',
      `const client = new ${api.clientClass}({`,
      ...options.map((o) => `  ${o}: async () => process.env.${envVar(api, o)} ?? '',`),
      '});',
      '',
      '// Credentials never appear in errors, `console.log(client)` or `JSON.stringify(client)`.',
      'console.log(client);',
    ].join('\n'),
  );
}

/**
 * The README's errors example: the first operation's call, its error typed by its guard when it
 * declares one, then the classes any call may throw.
 */
export function errorsExample(api: ApiCoreView, op: OperationView | undefined, call: string | undefined, setup: string): string {
  const caught = op && exampleError(op);
  const names = ['ApiError', 'RateLimitError', 'TimeoutError', ...(caught ? [caught.className, op.guardName] : [])];
  // Each later branch: a class any call may throw, and what to do with it.
  const later: [string, string][] = [
    ...(caught?.className === 'RateLimitError' ? [] : [['RateLimitError', 'console.error(`retry after ${err.retryAfterMs} ms`);'] as [string, string]]),
    ['TimeoutError', 'console.error(err.message);'],
    ['ApiError', "console.error(err.status, err.operationId, err.requestId, err.headers.get('content-type'));"],
  ];
  const lines = caught ? guardedCatch(op.guardName, caught.className, caught.bodyType) : [];
  for (const [className, statement] of later) lines.push(`  ${lines.length === 0 ? 'if' : '} else if'} (err instanceof ${className}) {`, `    ${statement}`);
  return mdFence(
    'ts',
    [
      `import { ${[api.clientClass, ...new Set(names)].join(', ')} } from '${api.packageName}';`,
      ...(caught?.bodyType ? [`import type { ${caught.bodyType} } from '${api.packageName}';`] : []),
      '',
      setup,
      '',
      'try {',
      `  ${call ? `await ${call.replace(/\n/g, '\n  ')}` : 'void 0'};`,
      '} catch (err) {',
      ...lines,
      '  } else {',
      '    throw err;',
      '  }',
      '}',
    ].join('\n'),
  );
}

/** The client-wide timeout and retries (quoting the runtime's defaults), then per-call ones on the doc page's call. */
export function retriesExample(api: ApiCoreView, doc: OperationDocView | undefined): string {
  return mdFence(
    'ts',
    [
      importLine(api, []),
      '',
      `const client = new ${api.clientClass}({`,
      `  timeoutMs: 10_000, // per attempt (default ${grouped(DEFAULT_TIMEOUT_MS)})`,
      `  maxRetries: 4, // after the first attempt (default ${DEFAULT_RETRY.maxRetries})`,
      '});',
      ...(doc
        ? [
            '',
            '// Per call: a deadline, fewer retries, and an AbortSignal that also cancels a backoff wait.',
            `await ${doc.callWithOptions('{ timeoutMs: 2_000, maxRetries: 0, signal: AbortSignal.timeout(5_000) }')};`,
          ]
        : []),
    ].join('\n'),
  );
}

/**
 * The pagination example: the doc page's loop over the `…All` method when there is one, else a loop
 * over every item and then every page; empty when no operation pages.
 */
export function paginationExample(
  api: ApiCoreView,
  setup: string,
  paginated: { resource: ResourceView; op: OperationView } | undefined,
  doc: OperationDocView['pagination'],
): string {
  if (doc) return doc.example;
  if (!paginated) return '';
  const method = `client.${paginated.resource.property}.${paginated.op.pagination?.methodName ?? ''}()`;
  return mdFence(
    'ts',
    [
      importLine(api, []),
      '',
      setup,
      '',
      `// Every item, fetching pages as needed.`,
      `for await (const item of ${method}) {`,
      '  console.log(item);',
      '}',
      '',
      '// Or page by page.',
      `for await (const page of ${method}.pages()) {`,
      '  console.log(page);',
      '}',
    ].join('\n'),
  );
}

/** openapi-fetch middleware and headers on the client, then a call through the raw client when some operation allows one. */
export function rawExample(api: ApiCoreView, op: OperationView | undefined): string {
  return mdFence(
    'ts',
    [
      "import type { Middleware } from 'openapi-fetch';",
      importLine(api, []),
      '',
      '// openapi-fetch middleware runs once per call, above the retry loop.',
      'const logger: Middleware = {',
      '  onRequest({ request }) {',
      '    console.log(request.method, request.url);',
      '  },',
      '};',
      `const client = new ${api.clientClass}({ middleware: [logger], headers: { 'X-Team': 'platform' } });`,
      '',
      "// The typed client, with openapi-fetch's interface, for `{ data, error, response }` without exceptions.",
      ...(op
        ? [
            `const { data, error, response } = await client.raw.${op.httpMethod}(${op.pathLiteral}${rawParams(op)});`,
            'console.log(response.status, data, error);',
          ]
        : []),
    ].join('\n'),
  );
}

/** The `{ params: … }` argument of a raw openapi-fetch call, from the operation's path parameters. */
function rawParams(op: OperationView): string {
  const path = op.params.filter((p) => p.in === 'path');
  if (path.length === 0) return '';
  return `, { params: { path: { ${path.map((p) => `${p.key}: 'example-${p.name.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ')} } } }`;
}
