/**
 * The OpenAPI document → the package's {@link ApiView}. Operations are visited in document order so
 * every generated name is stable from run to run.
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
import path from 'node:path';
import { jsDoc, tsString } from '../escape/typescript.js';
import { kebabCase, memberName, NameRegistry, pascalCase, typeName, words } from '../escape/identifier.js';
import { pointer, SpecError, type SpecIssue } from '../issues.js';
import type { LoadedSpec } from '../pipeline/load.js';
import { locate } from '../pipeline/validate.js';
import { buildOperation, type OperationContext } from './build-operation.js';
import { buildPagination } from './build-pagination.js';
import { buildResourceDocs } from './build-docs.js';
import { buildModelDocs } from './build-model-docs.js';
import { buildReadme } from './build-readme.js';
import { buildSecurity } from './build-security.js';
import { deref, isObject, str, type JsonObject } from './resolve.js';
import type { ApiCoreView, ApiView, ModelView, OperationView, ResourceView } from './types.js';
import { HTTP_METHODS } from './http-methods.js';
import { packageNameProblem } from '../package-name.js';

/** Names every package exports or imports besides its models and operation types. */
const RESERVED_TYPE_NAMES = [
  'paths',
  'components',
  'operations',
  'webhooks',
  '$defs',
  'Core',
  'RequestOptions',
  'BaseClientOptions',
  'Secret',
  'ClientError',
  'ApiError',
  'BadRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'UnprocessableEntityError',
  'RateLimitError',
  'InternalServerError',
  'ResponseParseError',
  'ConnectionError',
  'TimeoutError',
  'AbortError',
  'Paginator',
  'present',
  'Middleware',
  'Client',
  'Promise',
  'Record',
  'NonNullable',
  'Array',
  'Object',
  'Error',
  'Response',
  'Request',
];

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
}

/** Builds the view of one package, or throws {@link SpecError} when names cannot be made distinct. */
export function buildApi(spec: LoadedSpec, settings: PackageSettings): ApiView {
  const { document } = spec;
  const info = isObject(document.info) ? document.info : {};
  const ext = isObject(document['x-tokenkit']) ? document['x-tokenkit'] : {};
  const title = str(info.title) ?? settings.name;
  const requested: unknown = settings.packageName ?? ext.package;
  const packageName = typeof requested === 'string' ? requested : `@tokenkit/${kebabCase(settings.name)}`;
  if (requested !== undefined && (typeof requested !== 'string' || packageNameProblem(requested) !== undefined)) {
    const where = pointer('x-tokenkit', 'package');
    throw new SpecError([
      {
        code: 'package-name',
        message: `${JSON.stringify(requested)} is not a valid npm package name`,
        file: spec.file,
        pointer: where,
        ...locate(spec, where),
      },
    ]);
  }
  const typeNames = new NameRegistry(RESERVED_TYPE_NAMES);
  const clientClass = typeNames.claim(typeName(str(ext.client) ?? pascalCase(`${title} Client`)));
  const optionsType = typeNames.claim(`${clientClass}Options`);
  const models = buildModels(document, typeNames);
  const modelByName = new Map(models.map((m) => [m.schemaName, m.typeName]));
  const { schemes, options } = buildSecurity(document);
  const ctx: OperationContext = { document, modelName: (s) => modelByName.get(s), typeNames, schemeNames: new Set(schemes.map((s) => s.name)) };
  const resources = buildResources(spec, ctx, models);
  const servers = Array.isArray(document.servers) ? document.servers.filter(isObject) : [];
  const defaultBaseUrl = str(servers[0]?.url) ?? '/';
  const version = str(info.version) ?? '';
  const core: ApiCoreView = {
    name: settings.name,
    packageName,
    packageNameLiteral: tsString(packageName),
    version: settings.version,
    clientClass,
    optionsType,
    specPath: settings.specPath,
    specSha256: spec.sha256,
    generatorVersion: settings.generatorVersion,
    title,
    apiVersion: version,
    description: str(info.description) ?? '',
    defaultBaseUrl,
    defaultBaseUrlLiteral: tsString(defaultBaseUrl),
    userAgentLiteral: tsString(`${packageName}/${settings.version}`),
    repositoryJson: settings.repository ? JSON.stringify(settings.repository) : '',
    hasRepository: settings.repository !== undefined,
    keywordsJson: JSON.stringify(['api', 'client', 'openapi', 'typescript', ...new Set(words(title).map((w) => w.toLowerCase()))]),
    packageDescriptionJson: JSON.stringify(`Typed TypeScript client for the ${title} (${version}), generated by tokenkit.`),
    clientDoc: jsDoc([`Client for the ${title} (version ${version}).`, str(info.summary) ?? ''], ''),
    securitySchemes: schemes,
    authOptions: options,
    hasAuth: schemes.length > 0,
    resources,
    models,
    hasModels: models.length > 0,
    header: `// Generated by tokenkit ${settings.generatorVersion} from ${oneLine(settings.specPath)}. Do not edit: change the spec and regenerate.`,
  };
  const lookup = (schemaName: string) => modelByName.get(schemaName);
  const resourceDocs = buildResourceDocs(core, document, lookup);
  const modelDocs = buildModelDocs(models, document, lookup);
  return { ...core, resourceDocs, modelDocs, readme: buildReadme(core, resourceDocs, modelDocs) };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}

function buildModels(document: JsonObject, typeNames: NameRegistry): ModelView[] {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  return Object.entries(schemas).map(([schemaName, schema]) => {
    const s = isObject(schema) ? schema : {};
    return {
      schemaName,
      typeName: typeNames.claim(typeName(schemaName)),
      typeRef: `components["schemas"][${tsString(schemaName)}]`,
      doc: jsDoc(
        [str(s.title), str(s.description)].filter((l): l is string => Boolean(l)),
        '',
      ),
    };
  });
}

function buildResources(spec: LoadedSpec, ctx: OperationContext, models: ModelView[]): ResourceView[] {
  const { document } = spec;
  const paths = isObject(document.paths) ? document.paths : {};
  const tagOrder = (Array.isArray(document.tags) ? document.tags : []).filter(isObject).map((t) => str(t.name) ?? '');
  const tagDescriptions = new Map(
    (Array.isArray(document.tags) ? document.tags : []).filter(isObject).map((t) => [str(t.name) ?? '', str(t.description) ?? '']),
  );
  const byTag = new Map<string, OperationView[]>();
  const seenMethods = new Map<string, string>();
  const issues: SpecIssue[] = [];
  for (const [route, rawItem] of Object.entries(paths)) {
    if (!isObject(rawItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = rawItem[method];
      if (!isObject(operation)) continue;
      const operationId = str(operation.operationId) ?? `${method} ${route}`;
      const methodName = memberName(operationId);
      const where = pointer('paths', route, method, ...(operation.operationId === undefined ? [] : ['operationId']));
      const clash = seenMethods.get(methodName.toLowerCase());
      if (clash !== undefined) {
        const [code, message] =
          clash === operationId
            ? ['duplicate-operation-id', `operationId "${operationId}" is used by another operation`]
            : ['name-collision', `operation "${operationId}" becomes method ${methodName}, which "${clash}" already has`];
        issues.push({ code, message, file: spec.file, pointer: where, ...locate(spec, where) });
        continue;
      }
      issues.push(...unknownSchemes(spec, ctx.schemeNames, operation.security, pointer('paths', route, method, 'security')));
      issues.push(...optionalPathParameters(spec, rawItem, operation, route, method));
      seenMethods.set(methodName.toLowerCase(), operationId);
      const tags = Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [];
      const tag = tags[0] ?? 'default';
      const list = byTag.get(tag) ?? [];
      const view = buildOperation(ctx, route, method, rawItem, operation, methodName, operationId);
      if (operation['x-tokenkit-pagination'] !== undefined) {
        const allName = `${methodName}All`;
        const base = pointer('paths', route, method);
        const built = buildPagination(document, rawItem, operation, view, base, allName);
        if (seenMethods.has(allName.toLowerCase())) {
          built.issues.push({
            code: 'name-collision',
            message: `the paginated method ${allName} collides with operation "${seenMethods.get(allName.toLowerCase()) ?? ''}"`,
            pointer: `${base}/x-tokenkit-pagination`,
          });
        }
        seenMethods.set(allName.toLowerCase(), operationId);
        issues.push(...built.issues.map((i) => ({ ...i, file: spec.file, ...locate(spec, i.pointer) })));
        view.pagination = built.view;
        view.hasPagination = built.view !== undefined;
      }
      list.push(view);
      byTag.set(tag, list);
    }
  }
  issues.push(...unknownSchemes(spec, ctx.schemeNames, document.security, '/security'));
  if (issues.length > 0) throw new SpecError(issues);
  const tags = [...byTag.keys()].sort((a, b) => rank(tagOrder, a) - rank(tagOrder, b));
  const properties = new NameRegistry(['raw']);
  const files = new NameRegistry();
  return tags.map((tag) => {
    const operations = byTag.get(tag) ?? [];
    const used = new Set(operations.flatMap(identifiersUsed));
    const modelImports = models.map((m) => m.typeName).filter((name) => used.has(name));
    const errorImports = [...new Set(operations.flatMap((op) => op.errorClasses))].sort();
    return {
      tag,
      property: properties.claim(memberName(tag)),
      className: ctx.typeNames.claim(`${pascalCase(tag)}Api`),
      fileName: files.claim(kebabCase(tag)),
      description: tagDescriptions.get(tag) || `Operations tagged ${tag}.`,
      doc: jsDoc([tagDescriptions.get(tag) || `Operations tagged ${tag}.`], ''),
      propertyDoc: jsDoc([tagDescriptions.get(tag) || `Operations tagged ${tag}.`], '  '),
      operations,
      modelImports,
      hasModelImports: modelImports.length > 0,
      errorImports,
      hasPagination: operations.some((op) => op.hasPagination),
    };
  });
}

/** Path parameters not marked `required: true`, which OpenAPI demands. */
function optionalPathParameters(spec: LoadedSpec, pathItem: JsonObject, operation: JsonObject, route: string, method: string): SpecIssue[] {
  const lists: [unknown, string[]][] = [
    [pathItem.parameters, ['paths', route, 'parameters']],
    [operation.parameters, ['paths', route, method, 'parameters']],
  ];
  return lists.flatMap(([list, base]) =>
    (Array.isArray(list) ? list : []).flatMap((raw, i) => {
      const param = deref(spec.document, raw);
      if (param.in !== 'path' || param.required === true) return [];
      const where = pointer(...base, i, ...(isObject(raw) && raw.$ref === undefined && 'required' in raw ? ['required'] : []));
      return [
        {
          code: 'path-parameter-not-required',
          message: `path parameter "${String(param.name)}" must have required: true`,
          file: spec.file,
          pointer: where,
          ...locate(spec, where),
        },
      ];
    }),
  );
}

/** Requirements that name a scheme components/securitySchemes does not define. */
function unknownSchemes(spec: LoadedSpec, known: ReadonlySet<string>, requirements: unknown, base: string): SpecIssue[] {
  if (!Array.isArray(requirements)) return [];
  return requirements.flatMap((req, i) =>
    Object.keys(isObject(req) ? req : {})
      .filter((name) => !known.has(name))
      .map((name) => {
        const where = `${base}/${i}${pointer(name)}`;
        return {
          code: 'unknown-security-scheme',
          message: `security scheme "${name}" is not defined in components/securitySchemes`,
          file: spec.file,
          pointer: where,
          ...locate(spec, where, true),
        };
      }),
  );
}

function rank(order: string[], tag: string): number {
  const i = order.indexOf(tag);
  return i === -1 ? order.length : i;
}

/** Every identifier in the types an operation's code names, to decide which models its file imports. */
function identifiersUsed(op: OperationView): string[] {
  return [op.resultType, op.errorTypeDef, op.body?.typeRef ?? ''].join(' ').match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
}

/** The package directory name for a spec file: its base name in kebab-case. */
export function packageDirName(specFile: string): string {
  return kebabCase(path.basename(specFile).replace(/\.(ya?ml|json)$/i, ''));
}
