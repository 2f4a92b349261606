// Bundles the TypeScript CLI into dist/: Node then starts it without compiling TypeScript on every
// run (a third of a second per command, and the memory of a loader thread), and loads the bundled
// libraries as part of one ES module graph. `ensureBundle` rebuilds it whenever a generator source is
// newer, so editing the generator never runs stale code.
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * Where the CLI is built from and to.
 * `templatesDir` holds the package templates the bundle precompiles (see generator/pipeline/precompiled-templates.ts).
 * `patchDependencies` applies {@link dependencyPatches} (the generator's own build only).
 * @typedef {{ sourceDir: string, distDir: string, entry: string, workers?: Record<string, string>, alsoWatch?: string[], templatesDir?: string, patchDependencies?: boolean }} Layout
 * @type {Layout}
 */
export const defaultLayout = {
  sourceDir: path.join(root, 'generator'),
  distDir: path.join(root, 'dist'),
  entry: 'main.ts',
  // Worker-thread entries, each its own file in dist/ (see generator/pipeline/write.ts).
  workers: { 'write-worker': path.join(root, 'generator', 'pipeline', 'write-worker.ts') },
  // Runtime modules the generator imports too (the docs' curl lines serialise as the client does).
  alsoWatch: [path.join(root, 'templates', 'runtime')],
  templatesDir: path.join(root, 'templates', 'package'),
  patchDependencies: true,
};

// The bundle holds the dependencies too: an install that changes them (npm rewrites
// node_modules/.package-lock.json) makes it stale as a source edit does.
const installRecords = [path.join(root, 'package-lock.json'), path.join(root, 'node_modules', '.package-lock.json')];

/**
 * @param {string} sourceDir
 * @param {string[]} [alsoWatch]
 * @param {string} [templatesDir]
 */
function newestSource(sourceDir, alsoWatch = [], templatesDir) {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  for (const record of installRecords) {
    try {
      newest = Math.max(newest, statSync(record).mtimeMs);
    } catch {
      // Not there.
    }
  }
  for (const dir of [sourceDir, ...alsoWatch]) {
    for (const rel of readdirSync(dir, { recursive: true })) {
      if (typeof rel === 'string' && rel.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(dir, rel)).mtimeMs);
    }
  }
  // The bundle holds the templates precompiled: a template newer than it makes it stale, and so does
  // a directory changed since, where a template was added or removed with an older time of its own.
  if (templatesDir !== undefined) {
    for (const rel of templateFiles(templatesDir)) newest = Math.max(newest, statSync(path.join(templatesDir, rel)).mtimeMs);
    newest = Math.max(newest, statSync(templatesDir).mtimeMs);
    for (const entry of readdirSync(templatesDir, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * The templates under `dir`, relative and sorted as render.ts lists them.
 * @param {string} dir
 */
function templateFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The module that stands in for generator/pipeline/precompiled-templates.ts in the bundle: every
 * template under `dir` precompiled, by its name as render.ts names it. The options are render.ts's
 * TEMPLATE_OPTIONS; a test renders a package from these and from the sources and compares.
 * @param {string} dir
 */
export async function precompiledTemplatesModule(dir) {
  const { default: Handlebars } = await import('handlebars');
  const entries = templateFiles(dir).map((rel) => {
    const name = rel
      .split(path.sep)
      .join('/')
      .replace(/\.hbs$/, '');
    // precompile returns the template's JavaScript source, which its typings call a TemplateSpecification.
    const spec = /** @type {string} */ (
      /** @type {unknown} */ (Handlebars.precompile(readFileSync(path.join(dir, rel), 'utf8'), { strict: true, noEscape: true }))
    );
    return `  [${JSON.stringify(name)}, ${spec}],`;
  });
  return `export const precompiledTemplates = new Map([\n${entries.join('\n')}\n]);\n`;
}

/**
 * An esbuild plugin that bundles the precompiled templates in place of the empty stand-in module.
 * @param {string} templatesDir
 * @returns {import('esbuild').Plugin}
 */
function precompiledTemplatesPlugin(templatesDir) {
  return {
    name: 'precompiled-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]precompiled-templates\.ts$/ }, async () => ({
        contents: await precompiledTemplatesModule(templatesDir),
        loader: 'js',
        resolveDir: templatesDir,
      }));
    },
  };
}

/**
 * Two functions of pinned dependencies that large specs call millions of times, each given a
 * replacement in generator/pipeline/ with the same results for less work (its module says why, and
 * test/unit/dependency-patches.test.ts compares it with the original). `find` is the text that must
 * occur once in the dependency's file; it becomes `replace`, which may call `name` from `module`.
 * @typedef {{ file: RegExp, module: string, name: string, find: string, replace: string }} DependencyPatch
 * @param {string} sourceDir
 * @returns {DependencyPatch[]}
 */
export function dependencyPatches(sourceDir) {
  return [
    {
      // openapi-typescript's createRef: the original is renamed and left for esbuild to drop, so every
      // call and export of the name reach the imported one.
      file: /[\\/]openapi-typescript[\\/]dist[\\/]lib[\\/]utils\.mjs$/,
      module: path.join(sourceDir, 'pipeline', 'create-ref.ts'),
      name: 'createRef',
      find: 'function createRef(parts) {',
      replace: 'function replacedCreateRef(parts) {',
    },
    {
      // Redocly's Location.child.
      file: /[\\/]@redocly[\\/]openapi-core[\\/]lib[\\/]ref-utils\.js$/,
      module: path.join(sourceDir, 'pipeline', 'pointer-child.ts'),
      name: 'childPointer',
      find: "return new Location(this.source, joinPointer(this.pointer, (Array.isArray(components) ? components : [components]).map(escapePointer).join('/')));",
      replace: 'return new Location(this.source, childPointer(this.pointer, components));',
    },
  ];
}

/**
 * An esbuild plugin that applies the patches. A dependency whose file no longer reads as expected
 * (another version) fails the build rather than bundling something untested.
 * @param {DependencyPatch[]} patches
 * @returns {import('esbuild').Plugin}
 */
function dependencyPatchPlugin(patches) {
  return {
    name: 'dependency-patches',
    setup(build) {
      for (const patch of patches) {
        build.onLoad({ filter: patch.file }, async (args) => {
          const source = readFileSync(args.path, 'utf8');
          if (source.split(patch.find).length !== 2) throw new Error(`${args.path}: no single \`${patch.find}\` to replace`);
          const patched = source.replace(patch.find, patch.replace);
          // An ES module imports the replacement. A CommonJS one requires it at its end: a replacement
          // that requires the module back then finds all its exports, and `"use strict"` stays first.
          const contents = args.path.endsWith('.mjs')
            ? `import { ${patch.name} } from ${JSON.stringify(patch.module)};\n${patched}`
            : `${patched}\nconst { ${patch.name} } = require(${JSON.stringify(patch.module)});\n`;
          return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
        });
      }
    },
  };
}

/**
 * Builds dist/: the CLI entry and one chunk per lazily loaded command, so a command loads only the
 * libraries it uses. Built beside dist/ and swapped in with renames, so a run never loads half a build.
 */
export async function buildBundle(layout = defaultLayout) {
  const { build } = await import('esbuild');
  const { sourceDir, distDir } = layout;
  const temp = `${distDir}.${process.pid}.tmp`;
  const old = `${distDir}.${process.pid}.old`;
  await build({
    entryPoints: layout.workers ? { tokenkit: path.join(sourceDir, layout.entry), ...layout.workers } : { tokenkit: path.join(sourceDir, layout.entry) },
    outdir: temp,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundled dependencies load as part of one ES module graph: Node skips the CommonJS export scan
    // and the module-format detection it runs on each package's entry (a fifth of a second for the
    // TypeScript compiler alone). yargs reads its locale files from its own directory, swagger2openapi
    // is loaded only for Swagger 2.0 input, and esbuild only builds this bundle.
    external: ['yargs', 'yargs/*', 'swagger2openapi', 'esbuild'],
    alias: { typescript: path.join(sourceDir, 'typescript-compiler.ts') },
    // Bundled CommonJS code still calls require() and reads __filename and __dirname.
    banner: {
      js: [
        "import { createRequire as __tokenkitCreateRequire } from 'node:module';",
        "import { fileURLToPath as __tokenkitFileURLToPath } from 'node:url';",
        'const require = __tokenkitCreateRequire(import.meta.url);',
        'const __filename = __tokenkitFileURLToPath(import.meta.url);',
        "const __dirname = __tokenkitFileURLToPath(new URL('.', import.meta.url));",
      ].join('\n'),
    },
    plugins: [
      ...(layout.templatesDir === undefined ? [] : [precompiledTemplatesPlugin(layout.templatesDir)]),
      ...(layout.patchDependencies ? [dependencyPatchPlugin(dependencyPatches(layout.sourceDir))] : []),
    ],
    logLevel: 'warning',
  });
  // Another run may have swapped in its build meanwhile: built from the same sources, it serves as
  // well, and replacing it could pull files from under that run.
  if (isFresh(layout)) {
    rmSync(temp, { recursive: true, force: true });
    return;
  }
  try {
    renameSync(distDir, old);
  } catch {
    // No previous build.
  }
  try {
    renameSync(temp, distDir);
  } catch {
    rmSync(temp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

/** @param {Layout} layout */
function isFresh(layout) {
  let built = 0;
  try {
    built = statSync(path.join(layout.distDir, 'tokenkit.js')).mtimeMs;
  } catch {
    // Not built yet.
  }
  return built >= newestSource(layout.sourceDir, layout.alsoWatch, layout.templatesDir);
}

/** The bundle's entry, rebuilt first if it is missing or older than a source. */
export async function ensureBundle(layout = defaultLayout) {
  if (!isFresh(layout)) await buildBundle(layout);
  return path.join(layout.distDir, 'tokenkit.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle();
