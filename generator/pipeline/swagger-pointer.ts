/**
 * A pointer into the OpenAPI 3 document converted from a Swagger 2.0 file, as a pointer into that
 * file. tokenkit's own checks run on the converted document; the user wrote the Swagger one, where
 * models are `definitions`, a response's schema sits beside its description, a body is a parameter
 * and other parameters carry their schema keywords inline. What has no counterpart maps to the
 * nearest place that has one.
 */
import { isObject, type JsonObject, type OpenApiDocument } from '../json.js';
import { deref } from '../model/resolve.js';

/** Top-level component maps and where Swagger 2.0 keeps them. */
const COMPONENTS: Record<string, string> = {
  schemas: 'definitions',
  securitySchemes: 'securityDefinitions',
  parameters: 'parameters',
  responses: 'responses',
  requestBodies: 'parameters',
};

/** The tokens in the Swagger file for `tokens` in the converted document. */
export function swaggerTokens(swagger: OpenApiDocument, converted: OpenApiDocument, tokens: readonly string[]): string[] {
  const [first, second, name, ...rest] = tokens;
  if (first === 'components' && second !== undefined) {
    const map = COMPONENTS[second];
    if (map === undefined || name === undefined) return [];
    return [map, writtenName(swagger, map, name), ...(second === 'responses' ? responseRest(rest) : second === 'requestBodies' ? [] : rest)];
  }
  // The document's servers are made of `host`, `basePath` and `schemes`: a URL problem is the host's.
  if (first === 'servers') return swagger.host === undefined ? [] : ['host'];
  if (first !== 'paths' || second === undefined || name === undefined) return [...tokens];
  const route = second;
  // Path-level parameters, then the operation's.
  if (name === 'parameters') return ['paths', route, ...parameterRest(swagger, converted, ['paths', route], rest)];
  const method = name;
  const [field, ...inside] = rest;
  const op = ['paths', route, method];
  if (field === 'parameters') return [...op, ...parameterRest(swagger, converted, op, inside)];
  if (field === 'requestBody') return [...op, ...requestBodyRest(swagger, op, inside)];
  if (field === 'responses') {
    const [status, ...more] = inside;
    return status === undefined ? [...op, 'responses'] : [...op, 'responses', status, ...responseRest(more)];
  }
  if (field === 'servers') return op;
  return [...tokens];
}

/**
 * The name a component has in the Swagger file: the converter renames one whose name holds other
 * characters than letters, digits, `_`, `-` and `.` (Springfox's `Page«User»` is `Page_User_`, and
 * `[]` becomes `Array`); such a name is found again by renaming the file's names the same way.
 */
function writtenName(swagger: OpenApiDocument, map: string, name: string): string {
  const names = isObject(swagger[map]) ? Object.keys(swagger[map]) : [];
  if (names.includes(name)) return name;
  const renamed = (written: string) => {
    const [first = '', ...rest] = written.replace('[]', 'Array').split('/');
    return [first.replace(/[^A-Za-z0-9_\-.]+|\s+/g, '_'), ...rest].join('/');
  };
  return names.find((written) => renamed(written) === name || renamed(written.split('/').join('_')) === name) ?? name;
}

/** Inside a response: `content/<type>/schema/…` is `schema/…`; a header's `schema/…` is the header's own keywords. */
function responseRest(rest: readonly string[]): string[] {
  const [field, key, next, ...more] = rest;
  if (field === 'content') return next === 'schema' ? ['schema', ...more] : [];
  if (field === 'headers' && key !== undefined) return next === 'schema' ? ['headers', key, ...more] : ['headers', key];
  return [...rest];
}

function listAt(document: OpenApiDocument, tokens: readonly string[]): unknown[] {
  let node: unknown = document;
  for (const token of tokens) node = isObject(node) ? node[token] : undefined;
  return Array.isArray(node) ? node : [];
}

/** A converted parameter is found in the Swagger list by its name and place (the list loses its body and form entries). */
function parameterRest(swagger: OpenApiDocument, converted: OpenApiDocument, base: readonly string[], rest: readonly string[]): string[] {
  const [index, field, ...more] = rest;
  if (index === undefined) return ['parameters'];
  const param = deref(converted, listAt(converted, [...base, 'parameters'])[Number(index)]);
  const at = listAt(swagger, [...base, 'parameters']).findIndex((raw) => {
    const original = deref(swagger, raw);
    return original.name === param.name && original.in === param.in;
  });
  if (at < 0) return ['parameters'];
  // A Swagger parameter's schema keywords sit on the parameter itself.
  return ['parameters', String(at), ...(field === undefined ? [] : field === 'schema' ? more : [field, ...more])];
}

/** A request body was the `body` parameter, or the `formData` parameters, one per property. */
function requestBodyRest(swagger: OpenApiDocument, op: readonly string[], rest: readonly string[]): string[] {
  const params = listAt(swagger, [...op, 'parameters']).map((raw) => deref(swagger, raw));
  const body = params.findIndex((p: JsonObject) => p.in === 'body');
  const [content, , schema, properties, property, ...more] = rest;
  if (body >= 0) return content === 'content' && schema === 'schema' ? ['parameters', String(body), 'schema', ...rest.slice(3)] : ['parameters', String(body)];
  const form = properties === 'properties' ? params.findIndex((p: JsonObject) => p.in === 'formData' && p.name === property) : -1;
  return form >= 0 ? ['parameters', String(form), ...more] : ['parameters'];
}
