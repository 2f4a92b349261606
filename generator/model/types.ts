/**
 * The model: the only contract templates read. Every name, type reference, JSDoc block and boolean a
 * template branches on is computed by the builders; strings are already escaped for where they land.
 */

import type { ResourceDocView } from './build-docs.js';
import type { ModelDocView } from './build-model-docs.js';
import type { ReadmeView } from './build-readme.js';

/** A whole package. */
export interface ApiView {
  /** Directory name under generated/, such as `launchdarkly`. */
  name: string;
  /** npm package name. */
  packageName: string;
  /** JSON string literal of the package name, for TypeScript. */
  packageNameLiteral: string;
  version: string;
  /** The generated client class. */
  clientClass: string;
  /** Its options interface. */
  optionsType: string;
  /** Spec path relative to the project, posix separators. */
  specPath: string;
  specSha256: string;
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
  keywordsJson: string;
  /** JSON for package.json's description field. */
  packageDescriptionJson: string;
  clientDoc: string;
  securitySchemes: SecuritySchemeView[];
  authOptions: AuthOptionView[];
  hasAuth: boolean;
  resources: ResourceView[];
  models: ModelView[];
  hasModels: boolean;
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
}

/** One resource: the operations of one tag. */
export interface ResourceView {
  tag: string;
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
  /** Runtime error classes its error types name. */
  errorImports: string[];
  hasPagination: boolean;
  hasModelImports: boolean;
}

/** One operation. */
export interface OperationView {
  operationId: string;
  methodName: string;
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
  resultDoc: string;
  /** The security requirements literal, e.g. `[["basicAuth"], ["tokenAuth"]]`. */
  securityLiteral: string;
  /** Success statuses, for docs. */
  successStatuses: string[];
  errorStatuses: string[];
  /** `export type GetTokenError = …`: the errors the operation declares, typed by status. */
  errorType: string;
  errorTypeDef: string;
  errorClasses: string[];
  pagination: PaginationView | undefined;
  hasPagination: boolean;
  /** Cookie parameters as `"name": params.name` entries; the runtime sends them. */
  cookieEntries: string;
  hasCookies: boolean;
  /** `"text"` or `"blob"` when the success body is not JSON; empty for JSON. */
  parseAsLiteral: string;
  hasParseAs: boolean;
}

/** The `<operationId>All` variant of a paginated list operation. */
export interface PaginationView {
  methodName: string;
  paramsType: string;
  paramsOptional: boolean;
  pageType: string;
  itemType: string;
  /** Key of the offset parameter in the params object. */
  offsetKey: string;
  /** Expressions over `offset`, `params` and `page`. */
  offsetExpr: string;
  limitExpr: string;
  itemsExpr: string;
  totalExpr: string;
  hasNextExpr: string;
}

/** A parameter, as a property of the params object. */
export interface ParameterView {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  /** The property key, bare or quoted. */
  key: string;
  /** `params.name` or `params["x-name"]`. */
  accessor: string;
  required: boolean;
  optionalMark: string;
  typeRef: string;
  doc: string;
}

/** The parameters of one location, as openapi-fetch takes them. */
export interface ParamGroupView {
  location: 'path' | 'query' | 'header';
  entries: string;
}

/** The request body. */
export interface BodyView {
  required: boolean;
  optionalMark: string;
  typeRef: string;
  contentType: string;
  doc: string;
}

/** A named schema, exported as a type. */
export interface ModelView {
  schemaName: string;
  typeName: string;
  /** `components["schemas"]["Token"]`. */
  typeRef: string;
  doc: string;
}
