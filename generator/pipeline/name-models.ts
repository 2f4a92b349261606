/**
 * Named models. openapi-typescript declares every component schema as an anonymous member of
 * `components["schemas"]`, so an alias `type Token = components["schemas"]["Token"]` names nothing:
 * the compiler and the editor show the structure (`{ _id: string; … 10 more … }`) or the indexed
 * access. Here each model's body moves out of `components` into a declaration of its own,
 * `export type Token = { … }`, whose name the compiler keeps, with references to other models
 * written as their names (`_id: ObjectId`); the `components` member becomes a reference to that
 * declaration, so `paths` and every indexed access into `components` resolve to the named type.
 */
import ts from 'typescript';

/** A model to declare: the schema's key under `components/schemas` and its exported name. */
export interface ModelName {
  schemaName: string;
  typeName: string;
}

/** The types with the models taken out. */
export interface NamedModels {
  /** openapi-typescript's statements, each model's `components` member now a reference to its declaration. */
  statements: ts.Node[];
  /** `export type <Name> = …` for each model found, by schema name. */
  declarations: Map<string, ts.TypeAliasDeclaration>;
  /** The helper types openapi-typescript appends (`WithRequired`), which declarations may use too. */
  helpers: ts.TypeAliasDeclaration[];
}

/** The file the declarations are written to, as `components` refers to it. */
export const MODELS_MODULE = './models.js';

function memberName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function literalText(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** The schema name of `components["schemas"]["X"]`, or undefined for any other type. */
function schemaReference(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node)) return undefined;
  const outer = node.objectType;
  if (!ts.isIndexedAccessTypeNode(outer) || literalText(outer.indexType) !== 'schemas') return undefined;
  const root = outer.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName) || root.typeName.text !== 'components') return undefined;
  return literalText(node.indexType);
}

/** `node` with every `components["schemas"]["X"]` of a model written as the model's name. */
function useModelNames<T extends ts.Node>(node: T, names: ReadonlyMap<string, string>): T {
  const visit = (child: ts.Node): ts.Node => {
    const schema = schemaReference(child);
    const name = schema === undefined ? undefined : names.get(schema);
    if (name !== undefined) return ts.factory.createTypeReferenceNode(name);
    return ts.visitEachChild(child, visit, undefined);
  };
  return ts.visitNode(node, visit) as T;
}

/** Moves each model's body out of `components.schemas` into a named declaration. */
export function nameModels(statements: readonly ts.Node[], models: readonly ModelName[]): NamedModels {
  const names = new Map(models.map((m) => [m.schemaName, m.typeName]));
  const declarations = new Map<string, ts.TypeAliasDeclaration>();
  const exported = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];
  const toDeclaration = (member: ts.TypeElement): ts.TypeElement => {
    const schemaName = ts.isPropertySignature(member) ? memberName(member.name) : undefined;
    const typeName = schemaName === undefined ? undefined : names.get(schemaName);
    if (!ts.isPropertySignature(member) || member.type === undefined || schemaName === undefined || typeName === undefined) return member;
    declarations.set(schemaName, ts.factory.createTypeAliasDeclaration(exported, typeName, undefined, useModelNames(member.type, names)));
    // An import type adds no name to schema.ts's scope, so no model name can clash with its own.
    const reference = ts.factory.createImportTypeNode(
      ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(MODELS_MODULE)),
      undefined,
      ts.factory.createIdentifier(typeName),
    );
    return ts.factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, reference);
  };
  const withSchemas = (members: ts.NodeArray<ts.TypeElement>): ts.TypeElement[] =>
    members.map((member) => {
      if (!ts.isPropertySignature(member) || memberName(member.name) !== 'schemas' || member.type === undefined || !ts.isTypeLiteralNode(member.type))
        return member;
      const schemas = ts.factory.updateTypeLiteralNode(member.type, ts.factory.createNodeArray(member.type.members.map(toDeclaration)));
      return ts.factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, schemas);
    });
  const out = statements.map((statement) => {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== 'components') return statement;
    return ts.factory.updateInterfaceDeclaration(
      statement,
      statement.modifiers,
      statement.name,
      statement.typeParameters,
      statement.heritageClauses,
      ts.factory.createNodeArray(withSchemas(statement.members)),
    );
  });
  const helpers = statements.filter(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
  );
  return { statements: out, declarations, helpers };
}
