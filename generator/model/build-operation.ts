/**
 * Operation objects → resource methods.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { jsDoc, tsLiteralKey, tsString } from '../escape/typescript.js';
import { NameRegistry, pascalCase } from '../escape/identifier.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { buildParameter, mergedParameters } from './build-parameter.js';
import { buildRequestBody } from './build-request-body.js';
import { buildResponses } from './build-responses.js';
import { securityLiteral } from './build-security.js';
import { str, type JsonObject } from './resolve.js';
import type { OperationView, ParamGroupView } from './types.js';

/** What building an operation needs from the package being built. */
export interface OperationContext {
  document: OpenApiDocument;
  /** Type name of a component schema, when it is exported as a model. */
  modelName: (schema: string) => string | undefined;
  /** Package-wide type names. */
  typeNames: NameRegistry;
  schemeNames: ReadonlySet<string>;
}

/** Builds one operation; `methodName` is already checked to be unique. */
export function buildOperation(
  ctx: OperationContext,
  path: string,
  method: string,
  pathItem: JsonObject,
  operation: JsonObject,
  methodName: string,
  operationId: string,
): OperationView {
  const opRef = `paths[${tsString(path)}][${tsString(method)}]`;
  const keys = new NameRegistry();
  const body = buildRequestBody(ctx.document, operation.requestBody, opRef, ctx.modelName);
  if (body) keys.claim('body');
  const params = mergedParameters(ctx.document, pathItem, operation).map((p) => buildParameter(p, opRef, keys.claim(str(p.name) ?? 'param')));
  // openapi-fetch sends no cookie parameters, so the runtime does (see Core.call).
  const paramGroups: ParamGroupView[] = (['path', 'query', 'header'] as const)
    .map((location) => ({
      location,
      entries: params
        .filter((p) => p.in === location)
        .map((p) => `${tsLiteralKey(p.name)}: ${p.accessor}`)
        .join(', '),
    }))
    .filter((g) => g.entries !== '');
  const responses = buildResponses(ctx.document, operation.responses, opRef, ctx.modelName);
  const summary = str(operation.summary);
  const description = str(operation.description);
  const docLines = [summary, description !== summary ? description : undefined].filter((l): l is string => Boolean(l));
  docLines.push(`\`${method.toUpperCase()} ${path}\` (operationId \`${operationId}\`)`);
  if (operation.deprecated === true) docLines.push('@deprecated');
  const requirements = operation.security ?? ctx.document.security;
  const paramsOptional = params.every((p) => !p.required) && !(body?.required ?? false);
  const errorType = ctx.typeNames.claim(`${pascalCase(methodName)}Error`);
  const resultLabel = responses.resultType === 'void' ? 'Nothing (the response has no body).' : `The response body.`;
  return {
    operationId,
    methodName,
    httpMethod: method.toUpperCase(),
    path,
    pathLiteral: tsString(path),
    operationIdLiteral: tsString(operationId),
    summary: summary ?? description?.split('\n')[0] ?? '',
    doc: jsDoc([...docLines, `@returns ${resultLabel}`, `@throws {@link ${errorType}}`], '  '),
    paramsType: ctx.typeNames.claim(`${pascalCase(methodName)}Params`),
    paramsDoc: jsDoc([`Parameters of \`${methodName}\`.`], ''),
    params,
    hasParams: params.length > 0 || body !== undefined,
    paramsOptional,
    body,
    hasBody: body !== undefined,
    paramGroups,
    hasParamGroups: paramGroups.length > 0,
    resultType: responses.resultType,
    resultDoc: resultLabel,
    securityLiteral: securityLiteral(requirements, ctx.schemeNames),
    successStatuses: responses.successStatuses,
    errorStatuses: responses.errorStatuses,
    errorClasses: responses.errorClasses,
    errorType,
    errorTypeDef:
      jsDoc([`The errors \`${methodName}\` may throw: each declared status with its body, and the network errors.`], '') +
      `export type ${errorType} =\n${[...responses.errorTypes, 'ConnectionError', 'TimeoutError', 'AbortError'].map((t) => `  | ${t}`).join('\n')};`,
    pagination: undefined,
    hasPagination: false,
    cookieEntries: params
      .filter((p) => p.in === 'cookie')
      .map((p) => `${tsLiteralKey(p.name)}: ${p.accessor}`)
      .join(', '),
    hasCookies: params.some((p) => p.in === 'cookie'),
    parseAsLiteral: responses.parseAs === 'json' ? '' : tsString(responses.parseAs),
    hasParseAs: responses.parseAs !== 'json',
  };
}
