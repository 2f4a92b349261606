/** The package README (in a fixed order) and api.md, the one-page index of every method. */
import { mdCell, mdCellCode, mdCode, mdFence, mdText } from '../escape/markdown.js';
import { clientSetup, envVar, exampleError, guardedCatch, type ResourceDocView } from './build-docs.js';
import { ERROR_WHEN, NON_STATUS_ERRORS, OTHER_STATUS_ERROR, SERVER_ERROR, STATUS_ERRORS } from '../../templates/runtime/error-table.js';
import { DEFAULT_TIMEOUT_MS } from '../../templates/runtime/options.js';
import { DEFAULT_RETRY, RETRIED_STATUSES } from '../../templates/runtime/retry.js';
import { MAX_SERVER_MESSAGE } from '../../templates/runtime/server-message.js';
import type { ModelDocView } from './build-model-docs.js';
import { buildStandaloneExample } from './build-standalone-example.js';
import type { ApiCoreView, OperationView } from './types.js';

/** Everything the README and api.md templates print. */
export interface ReadmeView {
  intro: string;
  install: string;
  quickStart: string;
  authRows: { option: string; scheme: string; env: string }[];
  authExample: string;
  errorRows: { className: string; when: string }[];
  errorsExample: string;
  retriesExample: string;
  /** One operation as a standalone function over the core. */
  standaloneExample: string;
  /** The retried statuses, the default timeout and the longest quoted server message, as the runtime defines them. */
  retry: { retriedStatuses: string; anyMethodStatuses: string; defaultTimeout: string; maxServerMessage: number };
  hasPagination: boolean;
  paginationExample: string;
  rawExample: string;
  resourceLinks: { name: string; file: string; summary: string }[];
  modelLinks: { name: string; file: string }[];
  hasModelLinks: boolean;
  apiRows: { resource: string; entries: { call: string; request: string }[] }[];
  /** The spec's path, as inline code. */
  generatedFrom: string;
}

// The README's error table: the runtime's own table, in its order.
const ERROR_ROWS: [string, string][] = [
  ...STATUS_ERRORS.map((r): [string, string] => [r.className, `${r.status}: ${ERROR_WHEN[r.className]}`]),
  [SERVER_ERROR, `5xx: ${ERROR_WHEN[SERVER_ERROR]}`],
  [OTHER_STATUS_ERROR, ERROR_WHEN[OTHER_STATUS_ERROR]],
  ...NON_STATUS_ERRORS.map((name): [string, string] => [name, ERROR_WHEN[name]]),
];

/** `60 000`: a number of milliseconds as the README prints it. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ' ');
}

/** What the README says about retries, timeouts and error messages, from the runtime's own constants. */
export function retryFacts(): { retriedStatuses: string; anyMethodStatuses: string; defaultTimeout: string; maxServerMessage: number } {
  const statuses = [...RETRIED_STATUSES.idempotent, ...RETRIED_STATUSES.anyMethod].sort((a, b) => a - b).map(String);
  return {
    retriedStatuses: [...statuses, ...(RETRIED_STATUSES.serverErrors ? ['5xx'] : [])].join(', '),
    anyMethodStatuses: RETRIED_STATUSES.anyMethod.join(', '),
    defaultTimeout: DEFAULT_TIMEOUT_MS % 1000 === 0 ? `${DEFAULT_TIMEOUT_MS / 1000} s` : `${DEFAULT_TIMEOUT_MS} ms`,
    maxServerMessage: MAX_SERVER_MESSAGE,
  };
}

/** Builds the README and api.md views. */
export function buildReadme(api: ApiCoreView, resources: ResourceDocView[], models: ModelDocView[]): ReadmeView {
  const setup = clientSetup(api, api.securitySchemes.slice(0, 1));
  const first = api.resources[0];
  // README examples use the first read-only operation (a GET), with the example arguments its doc page shows.
  const firstOp = first?.operations.find((op) => op.httpMethod === 'GET') ?? first?.operations[0];
  const firstDoc = resources[0]?.operations.find((o) => o.methodName === firstOp?.methodName);
  // The raw example fills in string path parameters only: it shows an operation that needs nothing else.
  const rawOp = api.resources
    .flatMap((r) => r.operations)
    .filter((op) => !op.body?.required && op.params.every((p) => (p.in === 'path' ? p.plainString : !p.required)))
    .sort((a, b) => Number(b.httpMethod === 'GET') - Number(a.httpMethod === 'GET'))[0];
  const firstCall = firstDoc?.callExpr;
  // Every paginated operation counts; the example prefers one that needs no arguments, else shows the doc page's.
  const paginatedOps = api.resources.flatMap((r) => r.operations.filter((op) => op.pagination).map((op) => ({ r, op })));
  const paginated = paginatedOps.find(({ op }) => op.pagination?.paramsOptional) ?? paginatedOps[0];
  const paginatedDoc = paginated && resources.flatMap((d) => d.operations).find((o) => o.methodName === paginated.op.methodName)?.pagination;
  const imports = (names: string[]) => `import { ${[api.clientClass, ...names].join(', ')} } from '${api.packageName}';`;
  const callLine = firstCall
    ? [
        `const result = await ${firstCall};`,
        'console.log(result);',
        '',
        '// The same call with its status and headers.',
        `const { data, status, headers } = await ${firstCall}.withResponse();`,
        "console.log(status, headers.get('content-type'), data);",
      ].join('\n')
    : '';
  return {
    intro: mdText(`A typed TypeScript client for the ${api.title}, API version ${api.apiVersion}.\n\n${api.description}`),
    install: mdFence('sh', `npm install ${api.packageName}`),
    quickStart: mdFence('ts', [imports([]), '', setup, ...(callLine ? ['', callLine] : [])].join('\n')),
    authRows: api.securitySchemes.flatMap((s) =>
      s.optionNames.map((o) => ({
        option: mdCellCode(o),
        scheme: `${mdCell(s.name)} (${s.wire.type === 'apiKey' ? `API key in ${s.wire.in} ${mdCellCode(s.wire.name)}` : s.wire.type})`,
        env: mdCellCode(envVar(api, o)),
      })),
    ),
    authExample: mdFence(
      'ts',
      [
        imports([]),
        '',
        ...(api.authOptions.length > 0
          ? [
              `// With ${api.securitySchemes[0]?.optionNames.map((o) => envVar(api, o)).join(' and ') ?? ''} set, no option is needed.`,
              `const fromEnvironment = new ${api.clientClass}();`,
              'console.log(fromEnvironment);',
              '',
            ]
          : []),
        '// A credential may also be a function, read afresh for every request (for rotation).',
        `const client = new ${api.clientClass}({`,
        ...(api.securitySchemes[0]?.optionNames ?? []).map((o) => `  ${o}: async () => process.env.${envVar(api, o)} ?? '',`),
        '});',
        '',
        '// Credentials never appear in errors, `console.log(client)` or `JSON.stringify(client)`.',
        'console.log(client);',
      ].join('\n'),
    ),
    errorRows: ERROR_ROWS.map(([className = '', when = '']) => ({ className: `\`${className}\``, when })),
    errorsExample: errorsExample(api, firstOp, firstCall, setup),
    retry: retryFacts(),
    retriesExample: mdFence(
      'ts',
      [
        imports([]),
        '',
        `const client = new ${api.clientClass}({`,
        `  timeoutMs: 10_000, // per attempt (default ${grouped(DEFAULT_TIMEOUT_MS)})`,
        `  maxRetries: 4, // after the first attempt (default ${DEFAULT_RETRY.maxRetries})`,
        '});',
        ...(firstDoc
          ? [
              '',
              '// Per call: a deadline, fewer retries, and an AbortSignal that also cancels a backoff wait.',
              `await ${firstDoc.callWithOptions('{ timeoutMs: 2_000, maxRetries: 0, signal: AbortSignal.timeout(5_000) }')};`,
            ]
          : []),
      ].join('\n'),
    ),
    standaloneExample: buildStandaloneExample(api, first, firstOp, resources),
    hasPagination: paginated !== undefined,
    paginationExample: paginatedDoc
      ? paginatedDoc.example
      : paginated
        ? mdFence(
            'ts',
            [
              imports([]),
              '',
              setup,
              '',
              `// Every item, fetching pages as needed.`,
              `for await (const item of client.${paginated.r.property}.${paginated.op.pagination?.methodName ?? ''}()) {`,
              '  console.log(item);',
              '}',
              '',
              '// Or page by page.',
              `for await (const page of client.${paginated.r.property}.${paginated.op.pagination?.methodName ?? ''}().pages()) {`,
              '  console.log(page);',
              '}',
            ].join('\n'),
          )
        : '',
    rawExample: mdFence(
      'ts',
      [
        "import type { Middleware } from 'openapi-fetch';",
        imports([]),
        '',
        '// openapi-fetch middleware runs once per call, above the retry loop.',
        'const logger: Middleware = {',
        '  onRequest({ request }) {',
        '    console.log(request.method, request.url);',
        '  },',
        '};',
        `const client = new ${api.clientClass}({ middleware: [logger], headers: { 'X-Team': 'platform' } });`,
        '',
        '// The typed openapi-fetch client, for `{ data, error, response }` without exceptions.',
        ...(rawOp
          ? [
              `const { data, error, response } = await client.raw.${rawOp.httpMethod}(${rawOp.pathLiteral}${rawParams(rawOp)});`,
              'console.log(response.status, data, error);',
            ]
          : []),
      ].join('\n'),
    ),
    resourceLinks: api.resources.map((r, i) => ({
      name: r.className,
      file: `docs/${resources[i]?.docName ?? r.className}.md`,
      summary: mdCell(r.description.split('\n')[0] ?? ''),
    })),
    modelLinks: models.map((m) => ({ name: m.typeName, file: `docs/models/${m.typeName}.md` })),
    hasModelLinks: models.length > 0,
    generatedFrom: mdCode(api.specPath),
    apiRows: api.resources.map((r) => ({
      resource: r.property,
      entries: r.operations.flatMap((op) => [
        {
          call: mdCode(
            `client.${r.property}.${op.methodName}(${op.paramsOptional ? 'params?' : 'params'}: ${op.paramsType}) -> ${op.resultType.length > 60 ? '…' : op.resultType}`,
          ),
          request: `${mdCode(`${op.httpMethod} ${op.path}`)} · ${mdCode(`${op.functionName}(core, ${op.paramsOptional ? 'params?' : 'params'})`)}`,
        },
        ...(op.pagination
          ? [
              {
                call: mdCode(
                  `client.${r.property}.${op.pagination.methodName}(${op.pagination.paramsOptional ? 'params?' : 'params'}: ${op.pagination.paramsType}) -> Paginator<${op.pagination.pageType}, ${op.pagination.itemType}>`,
                ),
                request: `${mdCode(`${op.httpMethod} ${op.path}, every page`)} · ${mdCode(`${op.pagination.functionName}(core, ${op.pagination.paramsOptional ? 'params?' : 'params'})`)}`,
              },
            ]
          : []),
      ]),
    })),
  };
}

/**
 * The README's errors example: the first operation's call, its error typed by its guard when it
 * declares one, then the classes any call may throw.
 */
function errorsExample(api: ApiCoreView, op: OperationView | undefined, call: string | undefined, setup: string): string {
  const caught = op && exampleError(op);
  const names = ['ApiError', 'RateLimitError', 'TimeoutError', ...(caught && op ? [caught.className, op.guardName] : [])];
  // Each later branch: a class any call may throw, and what to do with it.
  const later: [string, string][] = [
    ...(caught?.className === 'RateLimitError' ? [] : [['RateLimitError', 'console.error(`retry after ${err.retryAfterMs} ms`);'] as [string, string]]),
    ['TimeoutError', 'console.error(err.message);'],
    ['ApiError', "console.error(err.status, err.operationId, err.requestId, err.headers.get('content-type'));"],
  ];
  const lines = caught && op ? guardedCatch(op.guardName, caught.className, caught.bodyType) : [];
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

/** The `{ params: … }` argument of a raw openapi-fetch call, from the operation's path parameters. */
function rawParams(op: ApiCoreView['resources'][number]['operations'][number]): string {
  const path = op.params.filter((p) => p.in === 'path');
  if (path.length === 0) return '';
  return `, { params: { path: { ${path.map((p) => `${p.key}: 'example-${p.name.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ')} } } }`;
}
