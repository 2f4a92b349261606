/**
 * What a user reads in the editor and in compiler messages: the models' names (`Token`,
 * `MemberSummary`, `Statement[]`), never their structure (`{ _id: string; … 10 more … }`) or an
 * indexed access into the schema (`components["schemas"]["Token"]`). A consumer of the LaunchDarkly
 * package is checked under `strict` and `exactOptionalPropertyTypes` with the compiler's API: the
 * checker's type strings, the language service's hover text, and a diagnostic's message.
 */
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const consumerFile = path.join(root, 'test/fixtures/readable-types-consumer.ts');

const CONSUMER = `import { LaunchDarklyClient } from '../../generated/launchdarkly/src/index.js';

const ld = new LaunchDarklyClient({ apiKey: 'api-key' });
export const token = await ld.accessTokens.getToken({ id: 'abc' });
export const page = await ld.accessTokens.getTokens({ limit: 20 });
export const member = token._member;
export const roles = token.inlineRole;
export const items = page.items;
export const all = ld.accessTokens.getTokensAll();
export const wrong: number = token;
`;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** A language service over the consumer (held in memory) and the package's sources on disk. */
function languageService(): ts.LanguageService {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [consumerFile],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = file === consumerFile ? CONSUMER : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === consumerFile || ts.sys.fileExists(file),
    readFile: (file) => (file === consumerFile ? CONSUMER : ts.sys.readFile(file)),
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (dir) => ts.sys.directoryExists(dir),
    getDirectories: (dir) => ts.sys.getDirectories(dir),
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

let service: ts.LanguageService;
let program: ts.Program;
beforeAll(() => {
  service = languageService();
  const built = service.getProgram();
  if (!built) throw new Error('no program');
  program = built;
}, 60_000);

/** The checker's string for the type of the exported `const name`. */
function typeOf(name: string): string {
  const source = program.getSourceFile(consumerFile);
  const checker = program.getTypeChecker();
  let found: string | undefined;
  source?.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      found = checker.typeToString(checker.getTypeAtLocation(node.name), undefined, ts.TypeFormatFlags.NoTruncation);
    }
    node.forEachChild(visit);
  });
  if (found === undefined) throw new Error(`no const ${name} in the consumer`);
  return found;
}

/** The hover text at the first occurrence of `text` in the consumer. */
function hover(text: string): string {
  const info = service.getQuickInfoAtPosition(consumerFile, CONSUMER.indexOf(text));
  return ts.displayPartsToString(info?.displayParts);
}

describe('the LaunchDarkly package as a consumer reads it', () => {
  it('names the model a call resolves to', () => {
    expect(typeOf('token')).toBe('Token');
    expect(typeOf('page')).toBe('Tokens');
    // The promise may be the runtime's own subclass (ApiPromise); what it resolves to is named.
    expect(hover('getToken(')).toMatch(/^\(method\) AccessTokensApi\.getToken\(params: GetTokenParams, options\?: RequestOptions\): \w*Promise<Token>$/);
    expect(hover('token =')).toBe('const token: Token');
  });

  it('names the models that properties refer to', () => {
    expect(typeOf('member')).toBe('MemberSummary | undefined');
    expect(typeOf('roles')).toBe('Statement[] | undefined');
    expect(typeOf('items')).toBe('Token[] | undefined');
    expect(hover('_member')).toBe('(property) _member?: MemberSummary | undefined');
  });

  it('names the item model of a paginator', () => {
    expect(typeOf('all')).toMatch(/^Paginator<(?:\w+, )?Token>$/);
  });

  it('names the model in a compiler message', () => {
    const messages = ts.getPreEmitDiagnostics(program, program.getSourceFile(consumerFile)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual(["Type 'Token' is not assignable to type 'number'."]);
  });
});
