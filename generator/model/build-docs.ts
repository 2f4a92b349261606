/**
 * Docs for each resource, in the layout users of OpenAPI Generator SDKs know: a method table, then per
 * operation its signature, description, a complete TypeScript example, the curl equivalent,
 * parameters, return type, authorization, request headers and response details. Every string is
 * escaped here for the Markdown context it lands in.
 */
import { mdCell, mdCellCode, mdFence, mdText } from '../escape/markdown.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { curlArgs, curlUrl, expandTimePlaceholders, withTimePlaceholders, type CurlParam } from './build-curl.js';
import { fileAwareExample, requestExample, shellQuote, tsLiteral } from './build-examples.js';
import { clientSetup, envVar } from './client-setup.js';
import { exampleError, guardedCatch } from './example-error.js';
import { serverExampleUrl } from './server-url.js';
import { isObject } from './resolve.js';
import { schemaLabel, schemaNotes, type ModelLookup } from './schema-label.js';
import type { ApiCoreView, OperationDocView, OperationView, PaginationView, ResourceDocView, ResourceView, SecuritySchemeView } from './types.js';

function requirementSchemes(api: ApiCoreView, security: unknown): SecuritySchemeView[][] {
  const reqs = Array.isArray(security) ? security : [];
  return reqs.filter(isObject).map((req) => Object.keys(req).flatMap((name) => api.securitySchemes.filter((s) => s.name === name)));
}

/** A shell word: a literal part in single quotes, then the variable in double quotes. */
function withVar(literal: string, variable: string): string {
  return `${shellQuote(literal)}"$${variable}"`;
}

/** curl's auth arguments, and the URL with any query-string credential appended. */
function curlAuth(api: ApiCoreView, schemes: SecuritySchemeView[], url: string): { args: string[]; url: string } {
  const args: string[] = [];
  let target = shellQuote(url);
  for (const s of schemes) {
    const [first = '', second = ''] = s.optionNames.map((o) => envVar(api, o));
    if (s.wire.type === 'basic') args.push(`-u "$${first}:$${second}"`);
    else if (s.wire.type === 'bearer') args.push(`-H ${withVar('Authorization: Bearer ', first)}`);
    else if (s.wire.in === 'header') args.push(`-H ${withVar(`${s.wire.name}: `, first)}`);
    else if (s.wire.in === 'query') target = withVar(`${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(s.wire.name)}=`, first);
    else args.push(`-b ${withVar(`${s.wire.name}=`, first)}`);
  }
  return { args, url: target };
}

function buildOperationDoc(api: ApiCoreView, resource: ResourceView, op: OperationView, document: OpenApiDocument, models: ModelLookup): OperationDocView {
  const { normalized } = op;
  const schemes = requirementSchemes(api, normalized.security);
  const chosen = schemes[0] ?? [];
  // Example values: the parameter's own example, else one built from its schema.
  const values = new Map<string, unknown>();
  op.params.forEach((view, i) => {
    const p = normalized.parameters[i];
    if (p === undefined || (!view.required && p.example === undefined)) return;
    values.set(view.key, requestExample(document, p.schema, view.name, p.example));
  });
  const body = normalized.requestBody;
  const bodyMedia = op.body === undefined ? undefined : body?.media[0];
  const variant = op.body?.variants[0];
  const bodyExample =
    bodyMedia === undefined || variant === undefined
      ? undefined
      : variant.kind === 'binary' || variant.kind === 'multipart'
        ? fileAwareExample(document, bodyMedia.schema, variant.kind)
        : requestExample(document, bodyMedia.schema, variant.kind === 'text' ? 'text' : 'body', bodyMedia.example);
  const argEntries = [...values].map(([key, value]) => `  ${key}: ${tsLiteral(value, '  ')},`);
  if (op.body !== undefined && bodyExample !== undefined) argEntries.push(`  body: ${tsLiteral(bodyExample, '  ')},`);
  const args = argEntries.length === 0 ? (op.paramsOptional ? '' : '{}') : `{\n${argEntries.join('\n')}\n}`;
  // The example catches the error a caller of this operation most likely handles, typed by its guard.
  const caught = exampleError(op);
  const call = `client.${resource.property}.${op.methodName}(${args})`;
  const resultVar = op.hasResult ? 'const result = ' : '';
  const imports = [api.clientClass, 'ApiError', ...(caught ? [caught.className, op.guardName] : [])];
  const program = [
    `import { ${imports.join(', ')} } from '${api.packageName}';`,
    ...(caught?.bodyType ? [`import type { ${caught.bodyType} } from '${api.packageName}';`] : []),
    '',
    clientSetup(api, chosen),
    '',
    'try {',
    `  ${resultVar}await ${call.replace(/\n/g, '\n  ')};`,
    op.hasResult ? '  console.log(result);' : `  console.log('${op.methodName}: done');`,
    '} catch (err) {',
    ...(caught
      ? [...guardedCatch(op.guardName, caught.className, caught.bodyType), '  } else if (err instanceof ApiError) {']
      : ['  if (err instanceof ApiError) {']),
    '    console.error(`HTTP ${err.status}:`, err.body);',
    '  } else {',
    '    throw err;',
    '  }',
    '}',
  ].join('\n');
  // curl: the same call on the wire, serialised by the client's own functions.
  const curlParams: CurlParam[] = op.params.flatMap((p, i) => {
    const encoding = normalized.parameters[i]?.encoding ?? {};
    return values.has(p.key) ? [{ name: p.name, in: p.in, encoding, value: withTimePlaceholders(values.get(p.key)) }] : [];
  });
  // A path parameter without an example keeps its `{name}` placeholder.
  const { server } = normalized;
  const curlRequest = {
    method: op.httpMethod,
    baseUrl: server === undefined ? api.defaultBaseUrl : serverExampleUrl(server),
    route: op.path,
    params: curlParams,
    body:
      variant === undefined || bodyExample === undefined
        ? undefined
        : { mediaType: variant.mediaType, kind: variant.kind, value: withTimePlaceholders(bodyExample), encoding: bodyMedia?.encoding ?? {} },
  };
  const url = new URL(curlUrl(curlRequest), 'https://example.com');
  const auth = curlAuth(api, chosen, decodeBraces(url.toString()));
  const curlLines = [`curl -X ${op.httpMethod} ${auth.url}`, ...auth.args, `-H 'Accept: application/json'`, ...curlArgs(curlRequest)].map(
    expandTimePlaceholders,
  );
  const paramRows = normalized.parameters.map((p) => ({
    name: mdCellCode(p.name),
    type: schemaLabel(document, p.schema, models, 'models/'),
    description: mdCell(p.description ?? ''),
    notes: `${p.in}; ${p.mediaType === undefined ? '' : `sent as ${mdCellCode(p.mediaType)}; `}${schemaNotes(document, p.schema, p.required)}`,
  }));
  if (op.body && body && bodyMedia)
    paramRows.push({
      name: '`body`',
      type: schemaLabel(document, bodyMedia.schema, models, 'models/'),
      description: mdCell(body.description ?? ''),
      notes: op.body.required ? 'required' : 'optional',
    });
  const successSchemas = normalized.successResponses.map((r) => r.chosen?.schema);
  const returnLabels = [...new Set(successSchemas.filter((s) => s !== undefined).map((s) => schemaLabel(document, s, models, 'models/')))];
  return {
    methodName: op.methodName,
    callExpr: call,
    callWithOptions: (options) => `client.${resource.property}.${op.methodName}(${args === '' ? '{}' : args}, ${options})`,
    anchor: op.methodName.toLowerCase(),
    signature: mdFence(
      'ts',
      `${resource.property}.${op.methodName}(params${op.paramsOptional ? '?' : ''}: ${op.paramsType}, options?: RequestOptions): Promise<${op.resultName ?? (op.hasResult ? '…' : 'void')}>`,
    ),
    summary: mdText(op.summary),
    description: mdText(normalized.description ?? ''),
    example: mdFence('ts', program),
    curl: mdFence('sh', curlLines.join(' \\\n  ')),
    params: paramRows,
    hasParams: paramRows.length > 0,
    returnType: returnLabels.length === 0 ? 'void (empty response body)' : returnLabels.join(' or '),
    authorization:
      schemes.length === 0 ? 'None' : schemes.map((req) => req.map((s) => `[${mdCell(s.name)}](../README.md#authentication)`).join(' and ')).join(', or '),
    contentType: op.body ? op.body.variants.map((v) => mdCell(v.mediaType)).join(', ') : 'Not defined',
    accept: 'application/json',
    responses: normalized.responses.map((r) => ({
      status: mdCell(r.status),
      description: mdCell(r.description ?? ''),
      headers: r.headers.map(mdCellCode).join(', ') || '-',
    })),
    methodRow: {
      method: `[${op.methodName}](#${op.methodName.toLowerCase()})${op.pagination ? `, [${op.pagination.methodName}](#every-page-${op.pagination.methodName.toLowerCase()})` : ''}`,
      request: mdCellCode(`${op.httpMethod} ${op.path}`),
      description: mdCell(op.summary),
    },
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
        clientSetup(api, api.securitySchemes.slice(0, 1)),
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

/** `URL` percent-encodes the braces of a placeholder left in the path; docs show them as written. */
function decodeBraces(url: string): string {
  return url.replace(/%7B([^%/?#]*)%7D/gi, '{$1}');
}

/** Builds the doc page of every resource. */
export function buildResourceDocs(api: ApiCoreView, document: OpenApiDocument, models: ModelLookup): ResourceDocView[] {
  return api.resources.map((resource) => ({
    docName: resource.className,
    anchor: resource.className.toLowerCase(),
    className: resource.className,
    property: resource.property,
    description: mdText(resource.description),
    baseUrl: mdCellCode(api.defaultBaseUrl),
    operations: resource.operations.map((op) => buildOperationDoc(api, resource, op, document, models)),
  }));
}
