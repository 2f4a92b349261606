/**
 * Operation objects → resource methods.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { jsDoc, tsAccess, tsPropertyKey, tsString } from '../escape/typescript.js';
import { NameRegistry, pascalCase } from '../escape/identifier.js';
import type { OpenApiDocument } from '../json.js';
import { buildParameter } from './build-parameter.js';
import { buildRequestBody } from './build-request-body.js';
import { buildResponses } from './build-responses.js';
import { NETWORK_ERRORS } from '../../templates/runtime/error-table.js';
import { securityLiteral } from './build-security.js';
import { serverLiteral } from './build-servers.js';
import { needsPrepare } from './needs-prepare.js';
import type { NormalizedOperation } from './normalized-types.js';
import type { BodyView, OperationView, ParameterView, ParamGroupView } from './types.js';

/** What building an operation needs from the package being built. */
export interface OperationContext {
  document: OpenApiDocument;
  /** Type name of a component schema, when it is exported as a model. */
  modelName: (schema: string) => string | undefined;
  /** Package-wide type names. */
  typeNames: NameRegistry;
  schemeNames: ReadonlySet<string>;
  /** The package's core class, which the docs of standalone functions name. */
  coreClass: string;
}

/** Builds one operation's code view from its normalized form; `methodName` is already checked to be unique. */
export function buildOperation(ctx: OperationContext, op: NormalizedOperation, methodName: string): OperationView {
  const { route: path, method, operationId } = op;
  const opRef = `paths[${tsString(path)}][${tsString(method)}]`;
  // The models this operation's types name, as the builders resolve them: what its file imports.
  const models = new Set<string>();
  const modelName = (schema: string): string | undefined => {
    const name = ctx.modelName(schema);
    if (name !== undefined) models.add(name);
    return name;
  };
  const keys = new NameRegistry();
  const body = buildRequestBody(op.requestBody, opRef, modelName);
  if (body) keys.claim('body');
  const contentTypeKey = body?.hasChoice ? keys.claim('contentType') : '';
  const params = op.parameters.map((p) => buildParameter(p, opRef, keys.claim(p.name === '' ? 'param' : p.name), modelName));
  const server = op.server;
  // openapi-fetch sends no cookie parameters, so the runtime does (see Core.call).
  const paramGroups: ParamGroupView[] = (['path', 'query', 'header'] as const)
    .map((location) => {
      const group = params.filter((p) => p.in === location);
      const entries = group.map((p) => `${tsPropertyKey(p.name)}: ${p.sendExpr}`).join(', ');
      const hasOptional = group.some((p) => !p.required);
      // Unset optional parameters are left out, not sent as `undefined`: openapi-fetch's optional
      // properties do not take `undefined` under exactOptionalPropertyTypes.
      return { location, entries, value: hasOptional ? `defined({ ${entries} })` : `{ ${entries} }`, hasOptional };
    })
    .filter((g) => g.entries !== '');
  const responses = buildResponses(ctx.document, op, opRef, modelName);
  const { summary, description } = op;
  const docLines = [summary, description !== summary ? description : undefined].filter((l): l is string => Boolean(l));
  docLines.push(`\`${method.toUpperCase()} ${path}\` (operationId \`${operationId}\`)`);
  if (op.deprecated) docLines.push('@deprecated');
  const paramsOptional = params.every((p) => !p.required) && !(body?.required ?? false);
  const errorType = ctx.typeNames.claim(`${pascalCase(methodName)}Error`);
  const requestSpecName = ctx.typeNames.claim(`${pascalCase(methodName)}Request`);
  const prepares = needsPrepare(ctx.document, op);
  const prepareExpr = prepares
    ? `(servers) => prepareRequest(${tsString(operationId)}, ${requestSpecName}, ${requestValuesLiteral(params, contentTypeKey)}, servers)`
    : undefined;
  const resultLabel = !responses.hasResult ? 'Nothing (the response has no body).' : `The response body.`;
  // A body typed by its place in \`paths\` (an inline schema) gets a name, so signatures, hovers and
  // compiler messages read \`ReposListResponse\`, not the path it is looked up by.
  const resultAlias = /\bpaths\[/.test(responses.resultType) ? ctx.typeNames.claim(`${pascalCase(methodName)}Response`) : undefined;
  return {
    operationId,
    methodName,
    functionName: methodName,
    httpMethod: method.toUpperCase(),
    path,
    pathLiteral: tsString(path),
    operationIdLiteral: tsString(operationId),
    summary: summary ?? description?.split('\n')[0] ?? '',
    doc: jsDoc([...docLines, `@returns ${resultLabel}`, `@throws {@link ${errorType}}`], '  '),
    functionDoc: jsDoc(
      [...docLines, `@param core The client core (\`new ${ctx.coreClass}(options)\`).`, `@returns ${resultLabel}`, `@throws {@link ${errorType}}`],
      '',
    ),
    paramsType: ctx.typeNames.claim(`${pascalCase(methodName)}Params`),
    paramsDoc: jsDoc([`Parameters of \`${methodName}\`.`], ''),
    params,
    hasParams: params.length > 0 || body !== undefined,
    paramsOptional,
    body,
    hasBody: body !== undefined,
    paramGroups,
    hasParamGroups: paramGroups.length > 0,
    resultType: resultAlias ?? responses.resultType,
    hasResult: responses.hasResult,
    resultName: resultAlias ?? responses.resultName,
    resultAlias,
    resultTypeDef:
      resultAlias === undefined
        ? ''
        : `${jsDoc([`What \`${methodName}\` resolves to: the response body.`], '')}export type ${resultAlias} = ${responses.resultType};`,
    usesReceived: responses.usesReceived,
    securityLiteral: securityLiteral(op.security, ctx.schemeNames),
    errorClasses: responses.errorClasses,
    errorType,
    errorTypes: responses.errorTypes,
    errorBodies: responses.errorBodies,
    guardName: `is${errorType}`,
    errorTypeDef: errorTypeDef(methodName, operationId, errorType, responses.errorTypes, responses.declaredLiteral),
    pagination: undefined,
    hasPagination: false,
    requestSpecName,
    requestSpecLiteral: requestSpecLiteral(path, params, body, server === undefined ? undefined : serverLiteral(server)),
    prepares,
    successBody: responses.successBody,
    prepareExpr,
    accept: responses.accept,
    callTail: callTail(prepareExpr, undefined, responses.successBody, responses.accept),
    bodyExpr: body === undefined ? '' : body.typed ? 'params.body' : 'wireBody(params.body)',
    usesWireBody: body !== undefined && !body.typed,
    usesWireParam: op.parameters.some((p) => p.mediaType !== undefined && p.in !== 'cookie'),
    hasBodyChoice: body?.hasChoice ?? false,
    bodyUnion: body?.hasChoice ? bodyUnion(body, contentTypeKey) : '',
    parseAsLiteral: responses.parseAs === 'json' ? '' : tsString(responses.parseAs),
    hasParseAs: responses.parseAs !== 'json',
    models,
    normalized: op,
  };
}

/**
 * The arguments of `core.call(…)` after `send`, as the resource file writes them: `prepare`,
 * `reroute`, `successBody` and `accept`, as far as any of them is given (`undefined` holding the
 * place of one that is not); a line each, or one line when the first is a `prepare`.
 */
export function callTail(prepareExpr: string | undefined, reroute: string | undefined, successBody: boolean | undefined, accept: string | undefined): string[] {
  const args = [prepareExpr ?? 'undefined', reroute ?? 'undefined', String(successBody), accept === undefined ? 'undefined' : tsString(accept)];
  while (args.at(-1) === 'undefined') args.pop();
  if (args.length === 0) return [];
  return prepareExpr === undefined && reroute === undefined ? args : [args.join(', ')];
}

/** The operation's OperationSpec literal: its route, the parameters not sent by default, its bodies and server. */
function requestSpecLiteral(route: string, params: ParameterView[], body: BodyView | undefined, server: string | undefined): string {
  const lines = [`  route: ${tsString(route)},`];
  for (const location of ['path', 'query', 'header', 'cookie'] as const) {
    const styled = params.filter((p) => p.in === location && p.encodingLiteral !== '{}');
    if (styled.length > 0) lines.push(`  ${location}: { ${styled.map((p) => `${tsPropertyKey(p.name)}: ${p.encodingLiteral}`).join(', ')} },`);
  }
  if (body) lines.push(`  bodies: ${body.specLiteral},`);
  if (server !== undefined) lines.push(`  server: ${server},`);
  return `{\n${lines.join('\n')}\n}`;
}

/** The RequestValues of a call: what openapi-fetch does not send as the spec says. */
function requestValuesLiteral(params: ParameterView[], contentTypeKey: string): string {
  const fields: string[] = [];
  for (const location of ['header', 'cookie'] as const) {
    const entries = params.filter((p) => p.in === location).map((p) => `${tsPropertyKey(p.name)}: ${p.accessor}`);
    if (entries.length > 0) fields.push(`${location}: { ${entries.join(', ')} }`);
  }
  if (contentTypeKey !== '') fields.push(`contentType: ${tsAccess('params', contentTypeKey)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/** One object type per media type: the chosen `contentType` (optional for the default) and its body. */
function bodyUnion(body: BodyView, contentTypeKey: string): string {
  const key = tsPropertyKey(contentTypeKey);
  return body.variants
    .map((v, i) =>
      [
        `  | {`,
        `      /** The media type the body is sent as${i === 0 ? ' (the default)' : ''}. */`,
        `      ${key}${i === 0 ? '?' : ''}: ${v.mediaTypeLiteral};`,
        body.doc.replace(/^ {2}/gm, '      ').trimEnd(),
        `      body${body.optionalMark}: ${v.typeRef};`,
        `    }`,
      ].join('\n'),
    )
    .join('\n');
}

/** The import of `runtime/request.js` a resource file needs, from `runtime` (see `runtimeRoots`). */
export function requestImport(operations: readonly OperationView[], runtime: string): string {
  const prepares = operations.some((op) => op.prepares);
  const types = new Set(prepares ? ['OperationSpec'] : []);
  for (const op of operations) {
    for (const v of op.body?.variants ?? []) {
      if (v.kind === 'binary') types.add('BinaryBody');
      if (v.kind === 'multipart') types.add('MultipartBody');
    }
  }
  const names = [...types].sort().map((t) => `type ${t}`);
  if (operations.some((op) => op.usesWireParam)) names.unshift('wireParam');
  if (operations.some((op) => op.usesWireBody)) names.unshift('wireBody');
  if (operations.some((op) => op.paramGroups.some((g) => g.hasOptional))) names.unshift('defined');
  if (prepares) names.unshift('prepareRequest');
  if (names.length === 0) return '';
  return names.every((n) => n.startsWith('type '))
    ? `import type { ${names.map((n) => n.slice(5)).join(', ')} } from '${runtime}/request.js';`
    : `import { ${names.join(', ')} } from '${runtime}/request.js';`;
}

/**
 * The operation's error union and its guard: `isGetTokenError(err)` checks at run time what the union
 * claims (this operation, a declared status, a body of the declared kind), so a caller reaches the
 * typed body with `instanceof` and no cast.
 */
function errorTypeDef(methodName: string, operationId: string, errorType: string, errorTypes: string[], declaredLiteral: string): string {
  return [
    jsDoc([`The errors \`${methodName}\` may throw: each declared status with its body, and the network errors.`], ''),
    `export type ${errorType} =\n${[...errorTypes, ...NETWORK_ERRORS].map((t) => `  | ${t}`).join('\n')};\n\n`,
    jsDoc(
      [
        `Whether \`err\` is an error \`${methodName}\` declares: a status its spec lists, with a body of the declared kind, or a network error.`,
        `Narrows \`err\` to {@link ${errorType}}, where \`instanceof\` a class then types \`err.body\` as the schema declared for its status.`,
      ],
      '',
    ),
    `export function is${errorType}(err: unknown): err is ${errorType} {\n  return isOperationError(err, ${tsString(operationId)}, ${declaredLiteral});\n}`,
  ].join('');
}
