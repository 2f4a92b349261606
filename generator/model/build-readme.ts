/** The package README (in a fixed order) and api.md, the one-page index of every method. */
import { mdCell, mdCellCode, mdCode, mdFence, mdInline, mdText, splitAtFirstHeading } from '../escape/markdown.js';
import { clientSetup, envVar, exampleSchemes } from './client-setup.js';
import { ERROR_WHEN, NON_STATUS_ERRORS, OTHER_STATUS_ERROR, SERVER_ERROR, STATUS_ERRORS } from '../../templates/runtime/error-table.js';
import { DEFAULT_TIMEOUT_MS } from '../../templates/runtime/options.js';
import { DEFAULT_RETRY, RETRIED_STATUSES } from '../../templates/runtime/retry.js';
import { MAX_SERVER_MESSAGE } from '../../templates/runtime/server-message.js';
import { shownResultType } from './build-docs.js';
import { buildStandaloneExample } from './build-standalone-example.js';
import { authExample, errorsExample, paginationExample, quickStartExample, rawExample, retriesExample } from './readme-examples.js';
import type { ApiCoreView, ModelDocView, OperationDocView, OperationView, ReadmeView, ResourceDocView, ResourceView } from './types.js';

// The README's error table: the runtime's own table, in its order.
const ERROR_ROWS: [string, string][] = [
  ...STATUS_ERRORS.map((r): [string, string] => [r.className, `${r.status}: ${ERROR_WHEN[r.className]}`]),
  [SERVER_ERROR, `5xx: ${ERROR_WHEN[SERVER_ERROR]}`],
  [OTHER_STATUS_ERROR, ERROR_WHEN[OTHER_STATUS_ERROR]],
  ...NON_STATUS_ERRORS.map((name): [string, string] => [name, ERROR_WHEN[name]]),
];

/** What the README says about retries, timeouts and error messages, from the runtime's own constants. */
export function retryFacts(): { retriedStatuses: string; anyMethodStatuses: string; defaultTimeout: string; maxDelay: string; maxServerMessage: number } {
  const statuses = [...RETRIED_STATUSES.idempotent, ...RETRIED_STATUSES.anyMethod].sort((a, b) => a - b).map(String);
  return {
    // A constant today; read all the same, so the README follows the runtime if it changes.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    retriedStatuses: [...statuses, ...(RETRIED_STATUSES.serverErrors ? ['5xx'] : [])].join(', '),
    anyMethodStatuses: RETRIED_STATUSES.anyMethod.join(', '),
    defaultTimeout: duration(DEFAULT_TIMEOUT_MS),
    maxDelay: duration(DEFAULT_RETRY.maxDelayMs),
    maxServerMessage: MAX_SERVER_MESSAGE,
  };
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The operations the README's examples show, chosen once. */
export interface ReadmePicks {
  /** The first resource, whose first read-only operation (a GET, else its first) the quick start, errors, retries and standalone examples call. */
  resource: ResourceView | undefined;
  op: OperationView | undefined;
  /** That operation's doc-page section, whose example arguments the README reuses. */
  doc: OperationDocView | undefined;
  /** An operation the raw client can call with made-up string path values alone, a GET when there is one. */
  raw: OperationView | undefined;
  /** A paginated operation, one that needs no arguments when there is one, and the doc page's section on its `…All` twin. */
  paginated: { resource: ResourceView; op: OperationView } | undefined;
  paginatedDoc: OperationDocView['pagination'];
}

/** Chooses the operations the README's examples call (see {@link ReadmePicks}). */
export function readmePicks(api: ApiCoreView, resources: ResourceDocView[]): ReadmePicks {
  const resource = api.resources[0];
  const op = resource?.operations.find((o) => o.httpMethod === 'GET') ?? resource?.operations[0];
  const doc = resources[0]?.operations.find((o) => o.methodName === op?.methodName);
  const raw = api.resources
    .flatMap((r) => r.operations)
    .filter((o) => !o.body?.required && o.params.every((p) => (p.in === 'path' ? p.plainString : !p.required)))
    .sort((a, b) => Number(b.httpMethod === 'GET') - Number(a.httpMethod === 'GET'))[0];
  const paginatedOps = api.resources.flatMap((r) => r.operations.filter((o) => o.pagination).map((o) => ({ resource: r, op: o })));
  const paginated = paginatedOps.find((p) => p.op.pagination?.paramsOptional) ?? paginatedOps[0];
  const paginatedDoc = paginated && resources.flatMap((d) => d.operations).find((o) => o.methodName === paginated.op.methodName)?.pagination;
  return { resource, op, doc, raw, paginated, paginatedDoc };
}

/** The authentication table: each credential option with its scheme and environment variable. */
export function authRows(api: ApiCoreView): ReadmeView['authRows'] {
  return api.securitySchemes.flatMap((s) =>
    s.optionNames.map((o) => ({
      option: mdCellCode(o),
      scheme: `${mdCell(s.name)} (${s.wire.type === 'apiKey' ? `API key in ${s.wire.in} ${mdCellCode(s.wire.name)}` : s.wire.type})`,
      env: mdCellCode(envVar(api, o)),
    })),
  );
}

/** `params?` when the params object may be omitted, else `params`. */
function paramsWord(optional: boolean): string {
  return optional ? 'params?' : 'params';
}

/** api.md's index: per resource, each method (and its `…All` twin) with its request and standalone function. */
export function apiRows(api: ApiCoreView): ReadmeView['apiRows'] {
  return api.resources.map((r) => ({
    resource: r.property,
    entries: r.operations.flatMap((op) => [
      {
        call: mdCode(`client.${r.property}.${op.methodName}(${paramsWord(op.paramsOptional)}: ${op.paramsType}) -> ${shownResultType(op)}`),
        request: `${mdCode(`${op.httpMethod} ${op.path}`)} · ${mdCode(`${op.functionName}(core, ${paramsWord(op.paramsOptional)})`)}`,
      },
      ...(op.pagination
        ? [
            {
              call: mdCode(
                `client.${r.property}.${op.pagination.methodName}(${paramsWord(op.pagination.paramsOptional)}: ${op.pagination.paramsType}) -> Paginator<${op.pagination.pageType}, ${op.pagination.itemType}>`,
              ),
              request: `${mdCode(`${op.httpMethod} ${op.path}, every page`)} · ${mdCode(`${op.pagination.functionName}(core, ${paramsWord(op.pagination.paramsOptional)})`)}`,
            },
          ]
        : []),
    ]),
  }));
}

/** Builds the README and api.md views: the sections in the README's fixed order, then the links and the index. */
export function buildReadme(api: ApiCoreView, resources: ResourceDocView[], models: ModelDocView[]): ReadmeView {
  const picks = readmePicks(api, resources);
  const setup = clientSetup(api, exampleSchemes(api, picks.op));
  const call = picks.doc?.callExpr;
  // The spec's own sections (`# Authentication`, `# Errors`) come after the README's, whose table of
  // contents links them by anchor: the first heading of a name takes the plain anchor.
  const description = splitAtFirstHeading(api.description);
  return {
    intro: [mdInline(`A typed TypeScript client for the ${api.title}, API version ${api.apiVersion}.`), mdText(description.lead)].filter(Boolean).join('\n\n'),
    about: mdText(description.rest, 3),
    install: mdFence('sh', `npm install ${api.packageName}`),
    quickStart: quickStartExample(api, setup, call),
    authRows: authRows(api),
    authExample: authExample(api, exampleSchemes(api, picks.op)),
    errorRows: ERROR_ROWS.map(([className, when]) => ({ className: `\`${className}\``, when })),
    errorsExample: errorsExample(api, picks.op, call, setup),
    retry: retryFacts(),
    retriesExample: retriesExample(api, picks.doc),
    standaloneExample: buildStandaloneExample(api, picks.resource, picks.op, resources),
    hasPagination: picks.paginated !== undefined,
    paginationExample: paginationExample(api, setup, picks.paginated, picks.paginatedDoc),
    rawExample: rawExample(api, picks.raw),
    resourceLinks: api.resources.map((r, i) => ({
      name: r.className,
      file: `docs/${resources[i]?.docName ?? r.className}.md`,
      summary: mdCell(r.description.split('\n')[0] ?? ''),
    })),
    modelLinks: models.map((m) => ({ name: m.typeName, file: `docs/models/${m.docName}.md` })),
    hasModelLinks: models.length > 0,
    generatedFrom: mdCode(api.specPath),
    apiRows: apiRows(api),
  };
}
