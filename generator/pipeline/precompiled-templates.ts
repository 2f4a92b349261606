/**
 * The package templates, precompiled when the CLI is bundled: bin/bundle.js replaces this module with
 * one holding each template under templates/package as Handlebars precompiles it, named as render.ts
 * names them. Compiling them took a tenth of a second of every run. Run from source (the tests), there
 * are none, and render.ts compiles templates/package itself; templates/ stays the one source of both.
 */
import type Handlebars from 'handlebars';

/** A template as `Handlebars.precompile` writes it, evaluated. */
export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** Each template by its output path pattern (`docs/[resourceDocs.docName].md`). */
export type PrecompiledTemplates = ReadonlyMap<string, TemplateSpec>;

/** The bundle's precompiled templates; undefined when running from source. */
export const precompiledTemplates: PrecompiledTemplates | undefined = undefined;
