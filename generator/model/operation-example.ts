/**
 * The example values of an operation's doc page and the TypeScript program that calls it with them.
 * The README's and the standalone function's examples reuse the call, so every example of a
 * package sends the same arguments.
 */
import type { OpenApiDocument } from '../json.js';
import { deref } from './resolve.js';
import { fileAwareExample, RelativeTime, requestExample, tsLiteral } from './build-examples.js';
import { clientSetup } from './client-setup.js';
import { exampleError, guardedCatch } from './example-error.js';
import type { NormalizedMedia } from './normalized-types.js';
import type { ApiCoreView, BodyVariantView, OperationView, SecuritySchemeView } from './types.js';

/** The body an example sends: the default media type, its variant view and the example value. */
export interface BodyExample {
  media: NormalizedMedia;
  variant: BodyVariantView;
  /** Built from the media type's example, else its schema; a file stands in for bytes. */
  value: unknown;
}

/**
 * The parameters an example passes, by params key: every required one, and an optional one when the
 * spec gives it an example. The value is the parameter's own example, else one built from its schema.
 */
export function exampleValues(document: OpenApiDocument, op: OperationView): Map<string, unknown> {
  const values = new Map<string, unknown>();
  op.params.forEach((view, i) => {
    const p = op.normalized.parameters[i];
    if (p === undefined) return;
    if (!view.required && p.example === undefined) return;
    const value = requestExample(document, p.schema, view.name, p.example);
    if (p.in !== 'header' || fitsHeader(value)) values.set(view.key, value);
    // An example no header can carry would make the example call throw, and the curl line send other
    // headers than it shows, whether the parameter gives it or its schema does (the parameter's own
    // is passed over when it is not one of the schema's): an optional header is left out, as one
    // without an example is, and a required one gets a value made up from its schema.
    else if (view.required) values.set(view.key, madeUpHeader(document, p.schema, view.name));
  });
  return values;
}

/**
 * A required header's example when the one chosen cannot be carried: its schema's, else one built
 * without the values the schema gives (example, examples, default, const), else that one's strings
 * without what a header cannot hold.
 */
function madeUpHeader(document: OpenApiDocument, schema: unknown, name: string): unknown {
  const fromSchema = requestExample(document, schema, name);
  if (fitsHeader(fromSchema)) return fromSchema;
  const own = Object.fromEntries(Object.entries(deref(document, schema)).filter(([key]) => !GIVEN_VALUES.has(key)));
  const value = requestExample(document, own, name);
  return fitsHeader(value) ? value : withoutUnfit(value);
}

const GIVEN_VALUES = new Set(['example', 'examples', 'default', 'const']);

// eslint-disable-next-line no-control-regex -- these are what a header value may not hold.
const UNFIT = /[\r\n\0]|[^\u0000-\u00ff]/;
const UNFIT_ALL = new RegExp(UNFIT.source, 'gu');

function withoutUnfit(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNFIT_ALL, '');
  if (Array.isArray(value)) return value.map(withoutUnfit);
  // A plain object only: a RelativeTime or FileExample stands for code, not for its fields.
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutUnfit(item)]));
}

/** Whether a header parameter's example holds no line break, NUL or character past U+00FF (in any of its strings). */
function fitsHeader(example: unknown): boolean {
  if (typeof example === 'string') return !UNFIT.test(example);
  if (typeof example !== 'object' || example === null) return true;
  return Object.values(example).every(fitsHeader);
}

/** The media type the client sends by default, when the operation takes a body. */
export function sentMedia(op: OperationView): NormalizedMedia | undefined {
  return op.body === undefined ? undefined : op.normalized.requestBody?.media[0];
}

/** The body of the example call, in the default media type; undefined when the operation takes none. */
export function bodyExample(document: OpenApiDocument, op: OperationView): BodyExample | undefined {
  const media = sentMedia(op);
  const variant = op.body?.variants[0];
  if (media === undefined || variant === undefined) return undefined;
  const value =
    variant.kind === 'binary' || variant.kind === 'multipart'
      ? fileAwareExample(document, media.schema, variant.kind)
      : requestExample(document, media.schema, variant.kind === 'text' ? 'text' : 'body', media.example);
  // A text body is a string whatever its schema says it holds (an object schema for `text/xml`).
  if (variant.kind === 'text' && typeof value !== 'string' && !(value instanceof RelativeTime)) return { media, variant, value: 'example-text' };
  return { media, variant, value };
}

/**
 * The argument of the example call: an object literal of the values and the body, one per line;
 * `{}` when there are none but the params are required, and nothing when they may be omitted.
 */
export function callArguments(values: ReadonlyMap<string, unknown>, body: Pick<BodyExample, 'value'> | undefined, paramsOptional: boolean): string {
  const entries = [...values].map(([key, value]) => `  ${key}: ${tsLiteral(value, '  ')},`);
  if (body !== undefined && body.value !== undefined) entries.push(`  body: ${tsLiteral(body.value, '  ')},`);
  return entries.length === 0 ? (paramsOptional ? '' : '{}') : `{\n${entries.join('\n')}\n}`;
}

/**
 * A complete program making `call` with the credentials of `schemes`. It catches the error a caller
 * of this operation most likely handles, its body typed through the operation's guard, then any
 * other `ApiError`.
 */
export function exampleProgram(api: ApiCoreView, op: OperationView, call: string, schemes: SecuritySchemeView[]): string {
  const caught = exampleError(op);
  const resultVar = op.hasResult ? 'const result = ' : '';
  const imports = [api.clientClass, 'ApiError', ...(caught ? [caught.className, op.guardName] : [])];
  return [
    `import { ${imports.join(', ')} } from '${api.packageName}';`,
    ...(caught?.bodyType ? [`import type { ${caught.bodyType} } from '${api.packageName}';`] : []),
    '',
    clientSetup(api, schemes),
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
}
