/**
 * The model: the only contract templates read. Every name, type reference, JSDoc block and boolean a
 * template branches on is computed by the builders; strings are already escaped for where they land.
 */

import type { BodyKind, NormalizedOperation } from './normalized-types.js';
import type { PACKAGE_TOOLCHAIN } from '../version.js';

/** A whole package. */
export interface ApiView {
  /** Directory name under generated/, such as `launchdarkly`. */
  name: string;
  /** npm package name. */
  packageName: string;
  version: string;
  /** The generated client class. */
  clientClass: string;
  /** Its options interface. */
  optionsType: string;
  /** The lean core class standalone functions take (`LaunchDarklyCore`). */
  coreClass: string;
  /** Spec path relative to the project, posix separators. */
  specPath: string;
  generatorVersion: string;
  /** The API's title and version, raw (escape at use). */
  title: string;
  apiVersion: string;
  /** Description, raw. */
  description: string;
  /** Default base URL, as a TypeScript literal. */
  defaultBaseUrlLiteral: string;
  defaultBaseUrl: string;
  userAgentLiteral: string;
  /** JSON for package.json's repository and keywords fields. */
  repositoryJson: string;
  hasRepository: boolean;
  /** The package has code of the user's in `src/custom/index.ts`, which the index re-exports. */
  hasCustomCode: boolean;
  /** What src/ modules import the runtime from: `./runtime`, or the shared runtime package's name. */
  runtimeSrc: string;
  /** The same for modules one directory down (src/resources/): `../runtime`, or the package's name. */
  runtimeNested: string;
  /** The runtime is the shared package's, not copied into `src/runtime/`. */
  sharedRuntime: boolean;
  /** The shared runtime package's name as JSON, for package.json; empty when the runtime is copied. */
  runtimeDependencyJson: string;
  keywordsJson: string;
  /** The Node.js, openapi-fetch and TypeScript versions the package requires. */
  toolchain: typeof PACKAGE_TOOLCHAIN;
  /** JSON for package.json's license field (see package-license.ts); empty when the package gets none. */
  licenseJson: string;
  /** JSON for package.json's description field. */
  packageDescriptionJson: string;
  clientDoc: string;
  securitySchemes: SecuritySchemeView[];
  authOptions: AuthOptionView[];
  /** client.ts's imports from the runtime's auth and env modules. */
  authImports: string;
  /** There are any: the package has credential options. */
  hasAuthImports: boolean;
  /** The options type declares options of its own (credentials, server variables, the server choice), beside the base ones. */
  hasClientOptions: boolean;
  /** The document's server and the client options its variables (and the operations' servers') take. */
  servers: ServersView;
  resources: ResourceView[];
  models: ModelView[];
  hasModels: boolean;
  /** The runtime's error classes, which index.ts re-exports (from runtime/error-table.ts). */
  errorClassNames: string[];
  /** `// Generated …` line for TypeScript files. */
  header: string;
  /** Docs pages, escaped for Markdown. */
  resourceDocs: ResourceDocView[];
  modelDocs: ModelDocView[];
  readme: ReadmeView;
}

/** The package view before its docs are built; the docs builders read only this. */
export type ApiCoreView = Omit<ApiView, 'resourceDocs' | 'modelDocs' | 'readme'>;

/** A security scheme, as the runtime applies it. */
export interface SecuritySchemeView {
  name: string;
  /** `"basicAuth"`: the scheme name as a TypeScript key. */
  key: string;
  /** The runtime SchemeSpec literal, e.g. `{ type: 'bearer' }`. */
  specLiteral: string;
  /** The expression that reads its credential from the client options. */
  credentialExpr: string;
  /** The client options that carry its credential. */
  optionNames: string[];
  /** `basic`, `bearer`, or `apiKey` with where it goes. */
  wire: { type: 'basic' } | { type: 'bearer' } | { type: 'apiKey'; in: string; name: string };
}

/** One client option that carries a credential. */
export interface AuthOptionView {
  name: string;
  doc: string;
  /** One line for docs, raw. */
  summary: string;
  /** The environment variable read when the option is not given. */
  env: string;
}

/** The servers a client may send to. */
export interface ServersView {
  /** The runtime ServerSpec literal of the document's first server. */
  mainLiteral: string;
  /** Whether that server's URL has `{variables}`, so the default base URL is made at run time. */
  mainHasVariables: boolean;
  variables: ServerVariableView[];
  hasVariables: boolean;
  /** The client option that picks one of the document's servers, when it declares more than one. */
  choice:
    | {
        /** The option's name (`server`). */
        option: string;
        /** The union of the declared URLs' string literals. */
        type: string;
        /** The option's JSDoc, listing each server with its description. */
        doc: string;
        /** The first server's URL as a string literal: the default. */
        firstKey: string;
        /** Each server: its URL as a string literal and its runtime ServerSpec literal. */
        entries: { key: string; literal: string }[];
      }
    | undefined;
  hasChoice: boolean;
  /** The README's Servers section, Markdown-escaped. */
  readme: {
    rows: { url: string; option: string; description: string }[];
    hasRows: boolean;
    /** A TypeScript block choosing the second server, or ''. */
    example: string;
    variableRows: { option: string; variable: string; summary: string }[];
    /** Whether some path or operation declares servers of its own. */
    hasOperationServers: boolean;
  };
}

/** A server variable, as a client option. */
export interface ServerVariableView {
  /** The variable's name in the URL. */
  name: string;
  /** The same as a property key. */
  nameKey: string;
  /** The client option. */
  option: string;
  /** `string`, or the union of its enum's literals. */
  type: string;
  doc: string;
  /** One line for docs, raw. */
  summary: string;
}

/** One resource: the operations of one tag. */
export interface ResourceView {
  /** Property on the client, such as `accessTokens`. */
  property: string;
  className: string;
  /** File name without extension, such as `access-tokens`. */
  fileName: string;
  /** The tag's description, raw. */
  description: string;
  doc: string;
  /** The same text, indented for the client's property. */
  propertyDoc: string;
  operations: OperationView[];
  /** Model names the resource file imports. */
  modelImports: string[];
  /** The import line of the runtime names from `runtime/request.js` the resource file uses; empty when none. */
  requestImports: string;
  hasRequestImports: boolean;
  /** The import lines of the runtime error classes its error types name, and of the guards' check. */
  errorImports: string;
  hasPagination: boolean;
  /** `Paginator` and the helpers the resource's `…All` methods use, joined for an import. */
  paginationImports: string;
  /** Some `…All` method follows next-page URLs, and imports `followRequest`. */
  followsUrls: boolean;
  hasModelImports: boolean;
  /** `Received` is imported with `ApiPromise`: some result names it. */
  importsReceived: boolean;
}

/** One operation. */
export interface OperationView {
  operationId: string;
  methodName: string;
  /** The standalone, tree-shakeable function the method delegates to; usually `methodName`. */
  functionName: string;
  /** The function's JSDoc, at module level. */
  functionDoc: string;
  /** `GET`, `POST`, … as openapi-fetch names its methods. */
  httpMethod: string;
  path: string;
  pathLiteral: string;
  operationIdLiteral: string;
  /** The summary, raw (escape at use). */
  summary: string;
  doc: string;
  paramsType: string;
  paramsDoc: string;
  params: ParameterView[];
  hasParams: boolean;
  /** Whether callers may omit the params object. */
  paramsOptional: boolean;
  body: BodyView | undefined;
  hasBody: boolean;
  /** The `params: { path: {...}, query: {...} }` entries, one line each. */
  paramGroups: ParamGroupView[];
  hasParamGroups: boolean;
  resultType: string;
  /** Some success response has a body (the call does not resolve to `void`). */
  hasResult: boolean;
  /** The result type when it is one name (a model, a scalar, `Blob`): docs print it whole only then. */
  resultName: string | undefined;
  /** The name given to a result type that is looked up in `paths` (an inline schema), if it is one. */
  resultAlias: string | undefined;
  /** `export type ReposListResponse = …`, or empty. */
  resultTypeDef: string;
  /** The result names `Received<…>` (see readable-changes.ts). */
  usesReceived: boolean;
  /** The security requirements literal, e.g. `[['basicAuth'], ['tokenAuth']]`. */
  securityLiteral: string;
  /** `export type GetTokenError = …`: the errors the operation declares, typed by status. */
  errorType: string;
  /** The members of the error union that carry a body: `NotFoundError<NotFoundErrorRep>`, … */
  errorTypes: string[];
  /** The same as facts: each class with its body type and whether that is a model. */
  errorBodies: ErrorBody[];
  /** `isGetTokenError`: the guard that narrows an error to {@link OperationView.errorType}. */
  guardName: string;
  /** The error union and its guard. */
  errorTypeDef: string;
  errorClasses: string[];
  pagination: PaginationView | undefined;
  hasPagination: boolean;
  /** The name of the module-level OperationSpec constant, and its literal. */
  requestSpecName: string;
  requestSpecLiteral: string;
  /** Whether the request needs the runtime's serialisers (see needs-prepare.ts), not openapi-fetch's defaults alone. */
  prepares: boolean;
  /** The `Prepare` argument of `core.call`: `prepareRequest` bound to the operation and the call's values; undefined unless `prepares`. */
  prepareExpr: string | undefined;
  /** Whether its successes have a body: always JSON (`true`: an empty one is refused), never (`false`: one is not read), or either (see core.ts, `successBody`). */
  successBody: boolean | undefined;
  /** The `Accept` header its calls send (see build-responses.ts), undefined for none. */
  accept: string | undefined;
  /** The arguments of its `core.call` after `send` (see `callTail`): `prepare`, `reroute`, `successBody` and `accept`. */
  callTail: string[];
  /** What is passed as openapi-fetch's `body`: `params.body`, or `wireBody(params.body)` when its type differs. */
  bodyExpr: string;
  /** `bodyExpr` goes through the runtime's `wireBody`. */
  usesWireBody: boolean;
  /** Some parameter is declared with `content`, and goes through the runtime's `wireParam`. */
  usesWireParam: boolean;
  /** Whether the params type is a union of one object per media type (`type` rather than `interface`). */
  hasBodyChoice: boolean;
  /** The `| { contentType?: …; body: … }` members of the params type, when there is a choice. */
  bodyUnion: string;
  /** `"text"` or `"blob"` when the success body is not JSON; empty for JSON. */
  parseAsLiteral: string;
  hasParseAs: boolean;
  /** The models its types name (parameters, bodies, result, errors, paginated items): what its file imports. */
  models: Set<string>;
  /** The operation as normalized: what docs, README and pagination read instead of the document. */
  normalized: NormalizedOperation;
}

/** One class an operation may throw, with the body type it carries. */
export interface ErrorBody {
  className: string;
  bodyType: string;
  /** The body is a model, by name (not `unknown`, a scalar or an indexed type). */
  isModel: boolean;
}

/** The `<operationId>All` variant of a paginated list operation. */
export interface PaginationView {
  methodName: string;
  /** The standalone function of the paginator. */
  functionName: string;
  /** How it pages and when it stops, as Markdown for the docs. */
  summary: string;
  paramsType: string;
  paramsOptional: boolean;
  pageType: string;
  /** The model the items array holds, when it holds one. */
  itemModel: string | undefined;
  itemType: string;
  /** Key of the parameter the paginator sets (offset, page, cursor), left out of `paramsType`; empty for URL styles. */
  setsKey: string;
  /** The style as a TypeScript string literal. */
  styleLiteral: string;
  /** More `name: expression` members of the page source (`limit`, `start`). */
  settings: string[];
  /** The fetch function's parameter: `offset`, `page`, `cursor` or `url`. */
  positionName: string;
  /** The params of one page's call, over `params` and the position (empty for URL styles). */
  fetchParamsExpr: string;
  /** The next page is a URL the server sent, fetched through the client's core. */
  followsUrls: boolean;
  /** The arguments after `send` of the core call that fetches a next URL, `(request) => followRequest(…)` among them; empty for other styles. */
  followCallTail: string[];
  /** The `PageInfo` object literal read from `page`. */
  readExpr: string;
  /** Names besides `Paginator` the resource imports from the pagination runtime. */
  runtimeImports: string[];
}

/** A parameter, as a property of the params object. */
export interface ParameterView {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  /** The property key, bare or quoted. */
  key: string;
  /** `params.name` or `params['x-name']`. */
  accessor: string;
  required: boolean;
  optionalMark: string;
  typeRef: string;
  doc: string;
  /** The runtime's ParamEncoding literal: style, explode, allowReserved where not the defaults. */
  encodingLiteral: string;
  /** What is handed to openapi-fetch: `accessor`, or `wireParam(accessor)` for a parameter declared with `content`. */
  sendExpr: string;
  /** Its schema is a plain string: any text will do (the README's raw example fills such path parameters). */
  plainString: boolean;
}

/** The parameters of one location, as openapi-fetch takes them. */
export interface ParamGroupView {
  location: 'path' | 'query' | 'header';
  entries: string;
  /** Some parameter of the group is optional, so the value goes through `defined()`. */
  hasOptional: boolean;
  /** The group's object expression: the entries, through `defined()` when some are optional. */
  value: string;
}

/** The request body. */
export interface BodyView {
  required: boolean;
  optionalMark: string;
  /** The type of the default (first) media type's body. */
  typeRef: string;
  /** The default media type: JSON when offered, else the first listed. */
  contentType: string;
  doc: string;
  /** Every media type, the default first. */
  variants: BodyVariantView[];
  hasChoice: boolean;
  /** Whether every variant's type is the one openapi-fetch expects. */
  typed: boolean;
  /** The runtime's `bodies` literal. */
  specLiteral: string;
}

/** One media type of a request body. */
export interface BodyVariantView {
  mediaType: string;
  mediaTypeLiteral: string;
  kind: BodyKind;
  typeRef: string;
  /** Whether `typeRef` is the type openapi-typescript gives it (false for bytes and files). */
  typed: boolean;
  /** `"application/json": { kind: 'json' }`. */
  specEntry: string;
  /** The media type's schema, raw, for docs. */
  schema: unknown;
}

/** A named schema, exported as a type. */
export interface ModelView {
  schemaName: string;
  typeName: string;
  /** `components['schemas']['Token']`. */
  typeRef: string;
  doc: string;
}

/** One operation's section of a resource doc. */
export interface OperationDocView {
  methodName: string;
  /** The example call, `client.res.method({...})`, without `await`. */
  callExpr: string;
  /** The same call with per-call options `{ … }` as its second argument. */
  callWithOptions: (options: string) => string;
  anchor: string;
  signature: string;
  summary: string;
  description: string;
  example: string;
  curl: string;
  params: { name: string; type: string; description: string; notes: string }[];
  hasParams: boolean;
  returnType: string;
  authorization: string;
  contentType: string;
  accept: string;
  responses: { status: string; description: string; headers: string }[];
  methodRow: { method: string; request: string; description: string };
  /** The `…All` twin of a paginated operation: its signature and a loop over it, fenced. */
  pagination: { methodName: string; summary: string; signature: string; example: string } | undefined;
  hasPagination: boolean;
}

/** One resource doc page. */
export interface ResourceDocView {
  docName: string;
  /** The anchor of the page title. */
  anchor: string;
  className: string;
  property: string;
  description: string;
  baseUrl: string;
  operations: OperationDocView[];
}

/** One model doc page. */
export interface ModelDocView {
  typeName: string;
  /** The name of its page, docs/models/<docName>.md: the type's name, cut when too long for a file. */
  docName: string;
  description: string;
  typeLabel: string;
  /** What a model that is not an object allows beside its type (enum values, format, pattern); empty otherwise. */
  typeNotes: string;
  properties: { name: string; type: string; description: string; notes: string }[];
  hasProperties: boolean;
  /** The `oneOf`/`anyOf` variants as one Markdown sentence (links and the discriminator), or ''. */
  variants: string;
  example: string;
}

/** Everything the README and api.md templates print. */
export interface ReadmeView {
  intro: string;
  /** The spec's description from its first heading on, its headings under the section's; '' for none. */
  about: string;
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
  retry: { retriedStatuses: string; anyMethodStatuses: string; defaultTimeout: string; maxDelay: string; maxServerMessage: number };
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
