/**
 * The LaunchDarkly package in a real browser: the built package bundled with esbuild for the
 * browser, served from one loopback origin, calling the emulator on another through a proxy that
 * answers CORS as a browser-facing API does, in Debian's headless Chromium driven by playwright-core
 * (which never downloads a browser of its own).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLaunchDarklyEmulator, type LaunchDarklyEmulator } from '../emulators/launchdarkly.js';
import { startCorsProxy, type CorsProxy } from '../helpers/cors-proxy.js';
import { installBuiltPackage, type InstalledProject } from '../helpers/installed-package.js';
import { SCENARIO_API_KEY, SCENARIO_FUNCTION, SCENARIO_RESULT, SEEDED_NAMES } from '../helpers/runtime-scenario.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let project: InstalledProject;
let profile: string;
let site: Server;
let siteUrl: string;
let emulator: LaunchDarklyEmulator;
let proxy: CorsProxy;
let browser: BrowserContext;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (Debian's package)`);
  project = await installBuiltPackage('launchdarkly', 'tokenkit-chromium-');
  profile = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-chromium-profile-'));
  const bundle = await build({
    stdin: {
      contents: `import * as ld from ${JSON.stringify(project.packageName)};\n${SCENARIO_FUNCTION}\nglobalThis.scenario = (url) => scenario(ld, url);\n`,
      resolveDir: project.dir,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  site = createServer((req, res) => {
    if (req.url === '/client.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>client</title><script type="module" src="/client.js"></script>');
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  emulator = await startLaunchDarklyEmulator({ apiKey: SCENARIO_API_KEY });
  emulator.seed(SEEDED_NAMES.length, 'seed');
  proxy = await startCorsProxy(emulator.url);
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 30_000 });
}, 90_000);

afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed, whatever the declared types say */
  await browser?.close();
  await proxy?.close();
  await emulator?.close();
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
  if (profile) await rm(profile, { recursive: true, force: true });
  if (project) await rm(project.dir, { recursive: true, force: true });
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

it('runs a bundled client in headless Chromium against a cross-origin API', async () => {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.goto(siteUrl);
  try {
    await page.waitForFunction(() => 'scenario' in globalThis, undefined, { timeout: 10_000 });
  } catch {
    throw new Error(`the bundled client did not load: ${consoleErrors.join('; ') || 'no error reported'}`);
  }
  const result = await page.evaluate((url) => (globalThis as unknown as { scenario: (u: string) => Promise<unknown> }).scenario(url), proxy.url);
  expect(result).toEqual(SCENARIO_RESULT);
  // The page and the API are different origins: the browser asked before sending credentials.
  expect(proxy.preflights).toContain('POST');
  expect(consoleErrors.filter((text) => !text.includes('404'))).toEqual([]);
}, 30_000);
