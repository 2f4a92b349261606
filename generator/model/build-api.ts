/**
 * The OpenAPI document → the package's {@link ApiView}. Operations are visited in document order so
 * every generated name is stable from run to run.
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
import path from 'node:path';
import { jsDoc, tsString } from '../escape/typescript.js';
import { kebabCase, memberName, NameRegistry, pascalCase, typeName } from '../escape/identifier.js';
import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { buildOperation, requestImport, type OperationContext } from './build-operation.js';
import { buildPagination } from './build-pagination.js';
import { buildResourceDocs } from './build-docs.js';
import { buildModelDocs } from './build-model-docs.js';
import { buildReadme } from './build-readme.js';
import { BASE_OPTIONS, buildSecurity } from './build-security.js';
import { buildServers } from './build-servers.js';
import { firstServer, serverExampleUrl } from './server-url.js';
import type { ApiCoreView, ApiView, ModelView, OperationView, ResourceView } from './types.js';
import { pathResources, resourceKey } from './resource-groups.js';
import { normalizedOperations } from './normalize-operation.js';
import { errorClassNames, NETWORK_ERRORS } from '../../templates/runtime/error-table.js';
import { PACKAGE_TOOLCHAIN } from '../version.js';
import { packageLicense } from './package-license.js';
import { jsonText } from '../escape/json-text.js';
import { fileStem } from './file-stem.js';

/**
 * Names every package exports or imports besides its models and operation types. A schema with one
 * of these names (`Error`, `ApiError`, `ConflictError`, …) is exported with the first free number:
 * `Error2`, `ApiError2` (see {@link modelTypeNames}).
 */
export const RESERVED_TYPE_NAMES: readonly string[] = [
  'paths',
  'components',
  'operations',
  'webhooks',
  '$defs',
  'Core',
  'RequestOptions',
  'BaseClientOptions',
  'Secret',
  ...errorClassNames(),
  'OtherApiError',
  'DeclaredErrors',
  'isOperationError',
  'Paginator',
  'present',
  'lastItem',
  'ApiPromise',
  'WithResponse',
  'PaginationError',
  'OperationSpec',
  'BinaryBody',
  'MultipartBody',
  'wireBody',
  'wireParam',
  'Middleware',
  'Client',
  'Promise',
  'Record',
  'NonNullable',
  // Used inside model declarations (openapi-typescript's helper and the globals it writes), where a model's name is in scope.
  'WithRequired',
  'Omit',
  'Extract',
  'ReadonlyArray',
  'Array',
  'Object',
  'Error',
  'Response',
  'Request',
];

/** Globals the client and core modules read, which their classes must not be named. */
const CLIENT_MODULE_GLOBALS: readonly string[] = ['Symbol', 'JSON', 'undefined', 'NaN', 'Infinity', 'globalThis'];

/** What the caller decides rather than the spec. */
export interface PackageSettings {
  /** Directory name under the output root. */
  name: string;
  /** npm name; defaults to the spec's `x-tokenkit.package`, then `@tokenkit/<name>`. */
  packageName?: string;
  version: string;
  generatorVersion: string;
  /** The spec path as written into the package, relative and posix. */
  specPath: string;
  repository?: { type: string; url: string; directory: string } | undefined;
  /** The output directory has `src/custom/index.ts`, the user's own code. */
  hasCustomCode?: boolean | undefined;
  /**
   * The npm name of the shared runtime package the package imports its runtime from (see
   * pipeline/runtime-package.ts); undefined to copy the runtime into the package's `src/runtime/`.
   */
  runtimePackage?: string | undefined;
}

/** Where a module of the package imports the runtime from: its own copy, or the shared package. */
export function runtimeRoots(runtimePackage: string | undefined): { src: string; nested: string } {
  return runtimePackage === undefined ? { src: './runtime', nested: '../runtime' } : { src: runtimePackage, nested: runtimePackage };
}

/** Builds the view of one package from a document validation has accepted. */
export function buildApi(spec: { document: OpenApiDocument }, settings: PackageSettings): ApiView {
  const { document } = spec;
  const info = isObject(document.info) ? document.info : {};
  const license = packageLicense(document);
  const ext = isObject(document['x-tokenkit']) ? document['x-tokenkit'] : {};
  const title = str(info.title) ?? settings.name;
  // Validation has checked the spec's name (see pipeline/check-generation.ts); the caller checks its own.
  const requested = settings.packageName ?? str(ext.package);
  const packageName = requested ?? `@tokenkit/${kebabCase(settings.name)}`;
  const typeNames = new NameRegistry(RESERVED_TYPE_NAMES);
  // A title with no letter or digit (all punctuation, another script) names no class: `ApiClient`.
  const fromTitle = pascalCase(`${title} Client`);
  const wantedClass = typeName(str(ext.client) ?? (fromTitle === 'Client' ? 'ApiClient' : fromTitle));
  // The client's module uses these globals; a class of the same name would shadow them there.
  const clientClass = typeNames.claim(CLIENT_MODULE_GLOBALS.includes(wantedClass) ? `${wantedClass}Client` : wantedClass);
  const optionsType = typeNames.claim(`${clientClass}Options`);
  const coreClass = typeNames.claim(`${clientClass.replace(/Client$/, '') || clientClass}Core`);
  const models = buildModels(document, typeNames);
  const modelByName = new Map(models.map((m) => [m.schemaName, m.typeName]));
  const { schemes, options } = buildSecurity(document, packageName);
  const ctx: OperationContext = { document, modelName: (s) => modelByName.get(s), typeNames, schemeNames: new Set(schemes.map((s) => s.name)), coreClass };
  const runtime = runtimeRoots(settings.runtimePackage);
  const resources = buildResources(document, ctx, models, runtime.nested);
  const servers = buildServers(document, [...BASE_OPTIONS, ...options.map((o) => o.name)], clientClass, packageName);
  const defaultBaseUrl = serverExampleUrl(firstServer(document.servers));
  const version = str(info.version) ?? '';
  const core: ApiCoreView = {
    name: settings.name,
    packageName,
    version: settings.version,
    clientClass,
    optionsType,
    coreClass,
    specPath: settings.specPath,
    generatorVersion: settings.generatorVersion,
    title,
    apiVersion: version,
    description: str(info.description) ?? '',
    defaultBaseUrl,
    defaultBaseUrlLiteral: tsString(defaultBaseUrl),
    userAgentLiteral: tsString(`${packageName}/${settings.version}`),
    repositoryJson: settings.repository ? packageJsonValue(settings.repository) : '',
    hasRepository: settings.repository !== undefined,
    hasCustomCode: settings.hasCustomCode ?? false,
    runtimeSrc: runtime.src,
    runtimeNested: runtime.nested,
    sharedRuntime: settings.runtimePackage !== undefined,
    runtimeDependencyJson: settings.runtimePackage === undefined ? '' : JSON.stringify(settings.runtimePackage),
    keywordsJson: packageJsonValue(packageKeywords(settings.name, title)),
    toolchain: PACKAGE_TOOLCHAIN,
    licenseJson: license === undefined ? '' : JSON.stringify(license),
    packageDescriptionJson: jsonText(`Typed TypeScript client for the ${title} (${version}), generated by tokenkit.`),
    clientDoc: jsDoc([`Client for the ${title} (version ${version}).`, str(info.summary) ?? ''], ''),
    securitySchemes: schemes,
    authOptions: options,
    // Only a core with schemes imports the credential code, so a bundle of a spec without any holds none of it.
    authImports: [
      ...(schemes.length === 0
        ? []
        : [
            `import { ${[...(schemes.some((s) => s.wire.type === 'basic') ? ['basicCredential'] : []), 'credentialAuth', ...(options.length > 0 ? ['type Secret'] : [])].join(', ')} } from '${runtime.src}/auth.js';`,
          ]),
      ...(options.length > 0 ? [`import { optionOrEnv } from '${runtime.src}/env.js';`] : []),
    ].join('\n'),
    hasAuthImports: schemes.length > 0 || options.length > 0,
    hasClientOptions: options.length > 0 || servers.variables.length > 0 || servers.hasChoice,
    servers,
    resources,
    models,
    hasModels: models.length > 0,
    errorClassNames: errorClassNames(),
    header: `// Generated by tokenkit ${settings.generatorVersion} from ${oneLine(settings.specPath)}. Do not edit: change the spec and regenerate.`,
  };
  const lookup = (schemaName: string) => modelByName.get(schemaName);
  const resourceDocs = buildResourceDocs(core, document, lookup);
  const modelDocs = buildModelDocs(models, document, lookup);
  return { ...core, resourceDocs, modelDocs, readme: buildReadme(core, resourceDocs, modelDocs) };
}

/** The same view at another package version: what a bump found after rendering re-renders. */
export function withVersion(api: ApiView, version: string): ApiView {
  return { ...api, version, userAgentLiteral: tsString(`${api.packageName}/${version}`) };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}

/**
 * The exported name of each schema, in the order of the schemas: its own name (made an identifier)
 * when it is free; else with the first free number from 2: when the package itself uses the name
 * (`ApiError` → `ApiError2`; a suffix, not a new word, so names packages already export stay), or when another
 * schema has the name in another case (`token` beside `Token` → `token2`) or only once made an
 * identifier (`my-token` beside `MyToken` → `MyToken2`).
 */
export function modelTypeNames(schemaNames: readonly string[], typeNames: NameRegistry): string[] {
  const wanted = schemaNames.map(typeName);
  const names: (string | undefined)[] = wanted.map(() => undefined);
  // Every schema whose name is free keeps it before any renamed schema claims a name, and names the
  // spec writes as they are before names made from others (`MyToken` before `my-token`): so a
  // schema's name does not depend on the schemas that come before it.
  for (const exact of [true, false])
    wanted.forEach((name, i) => {
      if ((name === schemaNames[i]) === exact && !typeNames.has(name)) names[i] = typeNames.claim(name);
    });
  return wanted.map((name, i) => names[i] ?? typeNames.claim(name));
}

function buildModels(document: JsonObject, typeNames: NameRegistry): ModelView[] {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const names = modelTypeNames(Object.keys(schemas), typeNames);
  return Object.entries(schemas).map(([schemaName, schema], i) => {
    const s = isObject(schema) ? schema : {};
    return {
      schemaName,
      typeName: names[i] ?? schemaName,
      typeRef: `components['schemas'][${tsString(schemaName)}]`,
      doc: jsDoc(
        [str(s.title), str(s.description)].filter((l): l is string => Boolean(l)),
        '',
      ),
    };
  });
}

function buildResources(document: OpenApiDocument, ctx: OperationContext, models: ModelView[], runtime: string): ResourceView[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const tagOrder = (Array.isArray(document.tags) ? document.tags : []).filter(isObject).map((t) => str(t.name) ?? '');
  const tagDescriptions = new Map(
    (Array.isArray(document.tags) ? document.tags : []).filter(isObject).map((t) => [str(t.name) ?? '', str(t.description) ?? '']),
  );
  const byTag = new Map<string, OperationView[]>();
  const resourceOf = pathResources(paths);
  const byPath = new Set<string>();
  // Validation has refused colliding method names, unknown schemes and unsound pagination.
  for (const op of normalizedOperations(document)) {
    const { methodName } = op;
    const tag = resourceKey(op.tags, op.route, resourceOf);
    if (op.tags.length === 0) byPath.add(tag);
    const list = byTag.get(tag) ?? [];
    const view = buildOperation(ctx, op, methodName);
    if (op.pagination !== undefined) {
      view.pagination = buildPagination(document, op, view, `${methodName}All`, ctx.modelName);
      if (view.pagination.itemModel !== undefined) view.models.add(view.pagination.itemModel);
      view.hasPagination = true;
    }
    list.push(view);
    byTag.set(tag, list);
  }
  const tags = [...byTag.keys()].sort((a, b) => rank(tagOrder, a) - rank(tagOrder, b));
  nameFunctions(
    tags.flatMap((tag) => byTag.get(tag) ?? []),
    models,
  );
  const properties = new NameRegistry(['raw']);
  const files = new NameRegistry();
  return tags.map((tag) => {
    const operations = byTag.get(tag) ?? [];
    const used = new Set(operations.flatMap((op) => [...op.models]));
    const modelImports = models.map((m) => m.typeName).filter((name) => used.has(name));
    const errorImports = [...new Set(operations.flatMap((op) => op.errorClasses))].sort();
    const description = tagDescriptions.get(tag) || (byPath.has(tag) && tag !== 'default' ? `Operations under \`/${tag}\`.` : `Operations tagged ${tag}.`);
    return {
      property: properties.claim(memberName(tag)),
      className: ctx.typeNames.claim(`${pascalCase(tag)}Api`),
      fileName: files.claim(fileStem(kebabCase(tag))),
      description,
      doc: jsDoc([description], ''),
      propertyDoc: jsDoc([description], '  '),
      operations,
      modelImports,
      hasModelImports: modelImports.length > 0,
      importsReceived: operations.some((op) => op.usesReceived),
      requestImports: requestImport(operations, runtime),
      hasRequestImports: requestImport(operations, runtime) !== '',
      errorImports: errorImportLines(errorImports, runtime),
      hasPagination: operations.some((op) => op.hasPagination),
      followsUrls: operations.some((op) => op.pagination?.followsUrls ?? false),
      paginationImports: ['Paginator', ...new Set(operations.flatMap((op) => op.pagination?.runtimeImports ?? []))].sort().join(', '),
    };
  });
}

/** The resource file's imports of the error classes its unions name, and of the guards' check. */
function errorImportLines(classes: string[], runtime: string): string {
  return [
    `import type { ${[...classes, ...NETWORK_ERRORS].join(', ')} } from '${runtime}/errors.js';`,
    `import { isOperationError } from '${runtime}/operation-error.js';`,
  ].join('\n');
}

/**
 * Names each operation's standalone function (and its paginator's), which live at module level in
 * the resource file and are exported from the package's index: unlike a method, a function's name
 * must not be a reserved word nor shadow a runtime helper the resource file imports. Method names
 * are already distinct across the package, so in practice the function takes the method's name.
 * Nor may it be a name the index also exports as a type (a schema named `addAdapter` beside the
 * operation `addAdapter`): one export statement cannot carry both, so the function takes a number.
 */
function nameFunctions(operations: OperationView[], models: readonly ModelView[]): void {
  const guards = operations.map((op) => op.guardName);
  const names = new NameRegistry([
    ...JS_RESERVED,
    ...RESERVED_TYPE_NAMES,
    ...guards,
    'isOperationError',
    'readEnv',
    'optionOrEnv',
    'defined',
    'prepareRequest',
    'followRequest',
    'core',
    'params',
    'options',
  ]);
  // Exact case: TypeScript tells `AddAdapter` from `addAdapter`, and a needless number would rename a function.
  const types = new Set([
    ...models.map((m) => m.typeName),
    ...operations.flatMap((op) => [op.paramsType, op.errorType, ...(op.resultAlias === undefined ? [] : [op.resultAlias])]),
  ]);
  const claim = (name: string): string => {
    let claimed = names.claim(name);
    while (types.has(claimed)) claimed = names.claim(name);
    return claimed;
  };
  for (const op of operations) {
    op.functionName = claim(op.methodName.replace(/_$/, ''));
    if (op.pagination) op.pagination.functionName = claim(op.pagination.methodName);
  }
}

// Words a function declaration may not be named (the strict-mode and TypeScript ones included).
const JS_RESERVED = (
  'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
  'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
  'yield let static implements interface package private protected public await arguments eval constructor ' +
  'then toString toJSON valueOf hasOwnProperty ' +
  // Global values a resource module reads (`undefined` among a call's arguments).
  'undefined NaN Infinity globalThis'
).split(' ');

function rank(order: string[], tag: string): number {
  const i = order.indexOf(tag);
  return i === -1 ? order.length : i;
}

/**
 * npm keywords: what the package is, then the API's name whole (`launchdarkly`, not `launch`,
 * `darkly`) as the directory and the title name it, each once.
 */
export function packageKeywords(name: string, title: string): string[] {
  const apiName = title.replace(/\b(rest|http|web|public)?\s*api\b.*$/i, '').trim();
  const whole = apiName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const candidates = ['api-client', 'openapi', 'typescript', name.toLowerCase(), whole];
  return [...new Set(candidates.filter((k) => /^[a-z0-9][a-z0-9-]*$/.test(k)))];
}

/** A value of a top-level package.json field, laid out as the rest of the file: two spaces, an item a line. */
export function packageJsonValue(value: unknown): string {
  return jsonText(value, 2).replace(/\n/g, '\n  ');
}

/** The package directory name for a spec file: its base name in kebab-case. */
export function packageDirName(specFile: string): string {
  return kebabCase(path.basename(specFile).replace(/\.(ya?ml|json)$/i, ''));
}
