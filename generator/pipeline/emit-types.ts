/**
 * Emit types: openapi-typescript's transform over the document we already parsed, bundled and
 * validated. Calling `openapiTS()` would bundle and lint the whole document a second time (about a
 * third of its run time on a large spec), so its transform is called directly with the options
 * `openapiTS()` would pass by default. The version is pinned exactly because of that.
 */
import { astToString, resolveRef, transformSchema } from 'openapi-typescript';
import { CONTROL_CHARS, CONTROL_CLASS, withoutControls } from '../escape/controls.js';
import type { GlobalContext, OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { findDiscriminatorConflicts } from './discriminator-conflicts.js';
import { hoistSubSchemaRefs } from './hoist-subschema-refs.js';
import type { OpenApiDocument } from '../json.js';
import { nameModels, type ModelName } from './name-models.js';
import { scanDiscriminators } from './scan-discriminators.js';
import { inlineUnionParents } from './union-parents.js';

/** The package's types, as source without the header. */
export interface EmittedTypes {
  /** `src/schema.ts`: openapi-typescript's declarations, each model's member referring to its named declaration. */
  schema: string;
  /** `export type <Name> = …;` for each model, by schema name (see name-models.ts). */
  models: Map<string, string>;
  /** openapi-typescript's helper types the model declarations use (`WithRequired`), or ''. */
  modelHelpers: string;
}

/** The types of `document`, with `models` declared by name. */
export function emitTypes(document: OpenApiDocument, models: readonly ModelName[] = []): EmittedTypes {
  const conflicts = findDiscriminatorConflicts(hoistSubSchemaRefs(document));
  const schema = inlineUnionParents(conflicts.document) as unknown as OpenAPI3;
  const scanned = scanDiscriminators(schema, { silent: true });
  // A child that declares the discriminator property itself keeps its declaration (see discriminator-conflicts.ts).
  const discriminators = { ...scanned, objects: Object.fromEntries(Object.entries(scanned.objects).filter(([ref]) => !conflicts.children.includes(ref))) };
  const resolved = new Map<string, unknown>();
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators,
    emptyObjectsUnknown: true,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: true,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: (($ref: string): unknown => {
      // The transform asks for the same few thousand references again and again and changes nothing
      // they name, so each is looked up once (resolveRef splits and unescapes the pointer each time).
      if (resolved.has($ref)) return resolved.get($ref);
      const node = resolveRef<unknown>(schema, $ref, { silent: true });
      resolved.set($ref, node);
      return node;
    }) as GlobalContext['resolve'],
  };
  const named = nameModels(transformSchema(schema, ctx), models);
  // Printed first, as before models had their own declarations: the printer's frames are smaller once
  // it has run a while, and a document nested to the limit needs them to be.
  const schemaSource = withoutRawControls(astToString(named.statements));
  const print = declarationPrinter();
  const declarations = new Map([...named.declarations].map(([schemaName, node]) => [schemaName, withoutRawControls(print(node))]));
  const used = named.helpers.filter((helper) => [...declarations.values()].some((text) => new RegExp(`\\b${helper.name.text}\\b`).test(text)));
  return { schema: schemaSource, models: declarations, modelHelpers: used.length === 0 ? '' : astToString(used).trimEnd() };
}

// In a string literal's text: an escape, read whole, or a control character.
const LITERAL_CONTROLS = new RegExp(`\\\\([\\s\\S])|[${CONTROL_CLASS}]`, 'g');
const STRING_TOKENS = new Set([ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral]);

/**
 * Printed declarations without a raw control character. openapi-typescript writes an enum or const
 * value as its JSON text, so a bidirectional character in one is in the literal as it is: there it is
 * written as an escape, which keeps the literal's value the spec's (taken out, the type would no
 * longer match the client's own literals, which escape it, and the package would not compile). In a
 * comment or anywhere else it is left out.
 */
function withoutRawControls(source: string): string {
  // Most documents have none, and scanning a large one costs.
  if (!CONTROL_CHARS.test(source)) return source;
  const scanner = ts.createScanner(ts.ScriptTarget.ESNext, false, ts.LanguageVariant.Standard, source);
  let text = '';
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const token = scanner.getTokenText();
    text += STRING_TOKENS.has(kind) ? token.replace(LITERAL_CONTROLS, escapeControl) : withoutControls(token);
  }
  return text;
}

// A control character, bare or after a backslash (an escape that stands for the character itself), as
// a `\u` escape; any other escape as it is.
function escapeControl(match: string, escaped?: string): string {
  const c = escaped ?? match;
  if (!CONTROL_CHARS.test(c)) return match;
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Prints one declaration at a time as `astToString(node).trimEnd()` would, with one printer and one
 * empty source file for all of them: a large spec has about a thousand models, and making a source
 * file and a printer for each cost more than printing some of them.
 */
function declarationPrinter(): (node: ts.Node) => string {
  // The settings astToString uses.
  const file = ts.createSourceFile('openapi-ts.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  return (node) => printer.printNode(ts.EmitHint.Unspecified, node, file).trimEnd();
}
