/**
 * Docs for each resource, in the layout users of OpenAPI Generator SDKs know: a method table, then per
 * operation its signature, description, a complete TypeScript example, the curl equivalent,
 * parameters, return type, authorization, request headers and response details. Every string is
 * escaped here for the Markdown context it lands in.
 */
import { mdCell, mdCellCode, mdFence, mdInline, mdText } from '../escape/markdown.js';
import { isObject, type OpenApiDocument } from '../json.js';
import { successParseAs } from './build-responses.js';
import { tsLiteral } from './build-examples.js';
import { clientSetup, exampleSchemes, requirementSchemes } from './client-setup.js';
import { operationCurl } from './operation-curl.js';
import { bodyExample, callArguments, exampleProgram, exampleValues, sentMedia } from './operation-example.js';
import { schemaLabel, schemaNotes, type ModelLookup } from './schema-label.js';
import type { ApiCoreView, OperationDocView, OperationView, PaginationView, ResourceDocView, ResourceView, SecuritySchemeView } from './types.js';
import { fileStem } from './file-stem.js';
import { PageAnchors } from './page-anchors.js';

/** The method's signature, fenced: what the call takes and what it resolves to. */
export function operationSignature(property: string, op: OperationView): string {
  return mdFence(
    'ts',
    `${property}.${op.methodName}(params${op.paramsOptional ? '?' : ''}: ${op.paramsType}, options?: RequestOptions): Promise<${shownResultType(op)}>`,
  );
}

/** The result type as the docs print it: whole when it is one name or short, `…` when a line would not hold it. */
export function shownResultType(op: OperationView): string {
  return op.resultName ?? (op.resultType.length <= 60 ? op.resultType : '…');
}

/** The parameters table: each parameter with its type, description and notes, then the body. */
export function parameterRows(document: OpenApiDocument, op: OperationView, models: ModelLookup): OperationDocView['params'] {
  const rows = op.normalized.parameters.map((p) => ({
    name: mdCellCode(p.name),
    type: schemaLabel(document, p.schema, models, 'models/'),
    description: mdCell(p.description ?? ''),
    notes: `${p.in}; ${p.mediaType === undefined ? '' : `sent as ${mdCellCode(p.mediaType)}; `}${schemaNotes(document, p.schema, p.required)}`,
  }));
  const body = op.normalized.requestBody;
  const media = sentMedia(op);
  if (op.body && body && media)
    rows.push({
      name: '`body`',
      type: schemaLabel(document, media.schema, models, 'models/'),
      description: mdCell(body.description ?? ''),
      notes: op.body.required ? 'required' : 'optional',
    });
  return rows;
}

/**
 * The return type: the labels of the success bodies, each once, or `void`. The method reads every
 * success body one way, decided over all their media types: as text or a Blob, whatever their
 * schemas say, or as JSON, where a body whose media type has no schema is any JSON value (a PDF
 * beside a JSON body is parsed as JSON too, so it is no Blob).
 */
export function returnTypeLabel(document: OpenApiDocument, op: OperationView, models: ModelLookup): string {
  const bodies = op.normalized.successResponses.flatMap((r) => (r.chosen === undefined ? [] : [r.chosen]));
  if (bodies.length === 0) return 'void (empty response body)';
  const parseAs = successParseAs(op.normalized);
  if (parseAs !== 'json') return READ_AS[parseAs];
  return [...new Set(bodies.map((b) => (b.schema === undefined ? READ_AS.json : schemaLabel(document, b.schema, models, 'models/'))))].join(' or ');
}

/** What the client reads a body as: text or bytes whatever its schema, JSON as its schema says (any value without one). */
const READ_AS = { json: 'any JSON value', text: 'string', blob: 'Blob' } as const;

/**
 * The security requirements as links to the README's authentication section: `a and b, or c`;
 * `None` without any. A scheme the client cannot send (HTTP Digest, mutual TLS) is named as such,
 * so a requirement of it alone does not read as none.
 */
export function authorizationLabel(requirements: SecuritySchemeView[][], security: unknown = []): string {
  const written = Array.isArray(security) ? security.filter(isObject).map((req) => Object.keys(req)) : [];
  if (requirements.length === 0 || written.every((names) => names.length === 0)) return 'None';
  return written
    .map((names, i) =>
      names
        .map((name) =>
          (requirements[i] ?? []).some((s) => s.name === name) ? `[${mdCell(name)}](../README.md#authentication)` : `${mdCell(name)} (not sent by this client)`,
        )
        .join(' and '),
    )
    .map((label) => label || 'none')
    .join(', or ');
}

/** The response details table: each declared status with its description and headers. */
export function responseRows(op: OperationView): OperationDocView['responses'] {
  return op.normalized.responses.map((r) => ({
    status: mdCell(r.status),
    description: mdCell(r.description ?? ''),
    headers: r.headers.map(mdCellCode).join(', ') || '-',
  }));
}

/** The operation's row of the page's method table, linking its section (and its `…All` twin's). */
function methodRow(op: OperationView, anchors: OperationAnchors): OperationDocView['methodRow'] {
  const twin = op.pagination && anchors.twin !== undefined ? `, [${op.pagination.methodName}](#${anchors.twin})` : '';
  return {
    method: `[${op.methodName}](#${anchors.method})${twin}`,
    request: mdCellCode(`${op.httpMethod} ${op.path}`),
    description: mdCell(op.summary),
  };
}

/**
 * One operation's section. The example, the curl line and the `…All` twin's loop share one set of
 * example values, and show the credentials of the first security requirement the operation accepts.
 */
function buildOperationDoc(
  api: ApiCoreView,
  resource: ResourceView,
  op: OperationView,
  document: OpenApiDocument,
  models: ModelLookup,
): Omit<OperationDocView, 'anchor' | 'methodRow'> {
  const requirements = requirementSchemes(api, op.normalized.security);
  const chosen = requirements[0] ?? [];
  const values = exampleValues(document, op);
  const body = bodyExample(document, op);
  const args = callArguments(values, body, op.paramsOptional);
  const call = `client.${resource.property}.${op.methodName}(${args})`;
  const params = parameterRows(document, op, models);
  return {
    methodName: op.methodName,
    callExpr: call,
    callWithOptions: (options) => `client.${resource.property}.${op.methodName}(${args === '' ? '{}' : args}, ${options})`,
    signature: operationSignature(resource.property, op),
    // A summary is plain text; one made from the description's first line would show it twice.
    summary: op.normalized.summary === undefined ? '' : mdInline(op.normalized.summary),
    // Under the method's own heading (level 2) and beside its sections (level 3).
    description: mdText(op.normalized.description ?? '', 4),
    example: mdFence('ts', exampleProgram(api, op, call, chosen)),
    curl: mdFence('sh', operationCurl(api, op, values, body, chosen)),
    params,
    hasParams: params.length > 0,
    returnType: returnTypeLabel(document, op, models),
    authorization: authorizationLabel(requirements, op.normalized.security),
    contentType: op.body ? op.body.variants.map((v) => mdCell(v.mediaType)).join(', ') : 'Not defined',
    accept: op.accept === undefined ? 'Not sent' : mdCell(op.accept),
    responses: responseRows(op),
    pagination: op.pagination && paginationDoc(api, resource.property, op, op.pagination, values),
    hasPagination: op.pagination !== undefined,
  };
}

/** The section on a paginated operation's `…All` twin: every argument of the example but the offset, which it drives itself. */
function paginationDoc(
  api: ApiCoreView,
  property: string,
  op: OperationView,
  pagination: PaginationView,
  values: ReadonlyMap<string, unknown>,
): OperationDocView['pagination'] {
  const entries = [...values].filter(([key]) => key !== pagination.setsKey).map(([key, value]) => `  ${key}: ${tsLiteral(value, '  ')},`);
  const args = entries.length === 0 ? '' : `{\n${entries.join('\n')}\n}`;
  const call = `client.${property}.${pagination.methodName}(${args})`;
  return {
    methodName: pagination.methodName,
    summary: pagination.summary,
    signature: mdFence(
      'ts',
      `${property}.${pagination.methodName}(params${pagination.paramsOptional ? '?' : ''}: ${pagination.paramsType}, options?: RequestOptions): Paginator<${pagination.pageType}, ${pagination.itemModel ?? '…'}>`,
    ),
    example: mdFence(
      'ts',
      [
        `import { ${api.clientClass} } from '${api.packageName}';`,
        '',
        clientSetup(api, exampleSchemes(api, op)),
        '',
        `// Every item of every page of \`${op.methodName}\`, fetched as the loop needs them.`,
        `for await (const item of ${call.replace(/\n/g, '\n')}) {`,
        '  console.log(item);',
        '}',
        '',
        '// Or whole pages, each with its status and headers.',
        `for await (const page of ${call}.pagesWithResponse()) {`,
        "  console.log(page.status, page.headers.get('content-type'), page.data);",
        '}',
      ].join('\n'),
    ),
  };
}

/** Builds the doc page of every resource. */
export function buildResourceDocs(api: ApiCoreView, document: OpenApiDocument, models: ModelLookup): ResourceDocView[] {
  return api.resources.map((resource) => {
    const anchors = new PageAnchors();
    const anchor = anchors.heading(resource.className);
    const description = mdText(resource.description, 2);
    anchors.text(description);
    const operations = resource.operations.map((op) => {
      const doc = buildOperationDoc(api, resource, op, document, models);
      const taken = operationAnchors(anchors, doc);
      return { ...doc, anchor: taken.method, methodRow: methodRow(op, taken) };
    });
    return {
      docName: fileStem(resource.className),
      anchor,
      className: resource.className,
      property: resource.property,
      description,
      baseUrl: mdCellCode(api.defaultBaseUrl),
      operations,
    };
  });
}

/** Where an operation's section and its `…All` twin's are on the page. */
interface OperationAnchors {
  method: string;
  twin: string | undefined;
}

/**
 * Takes the anchors of one operation's headings in the order the resource page renders them
 * (`templates/package/docs/[resourceDocs.docName].md.hbs`; the docs test follows every link to its heading).
 */
function operationAnchors(anchors: PageAnchors, doc: Omit<OperationDocView, 'anchor' | 'methodRow'>): OperationAnchors {
  const method = anchors.heading(doc.methodName);
  anchors.text(doc.summary);
  anchors.text(doc.description);
  anchors.heading('Example');
  const twin = doc.pagination && anchors.heading(`Every page: ${doc.pagination.methodName}`);
  for (const heading of ['Parameters', 'Return type', 'Authorization', 'HTTP request headers', 'HTTP response details']) anchors.heading(heading);
  return { method, twin };
}
