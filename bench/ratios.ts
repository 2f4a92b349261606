/**
 * The ratios RESULTS.md reports, tokenkit over a peer, each a ratio of medians from the same run,
 * and the targets among them (met when the ratio is at most the target's bound).
 */
import { summarize, type Comparison, type RatioResult, type RatioSpec, type Row } from './results.js';
import { REFERENCE_TOKEN_SPEC, TOKEN_SPECS } from './generation.js';
import { COPIED_RUNTIME, SHARED_RUNTIME_ROW } from './bundle.js';

/** How a row is named in ratios: its tool, and its variant after a middle dot. */
export function rowLabel(row: Pick<Row, 'tool' | 'variant'>): string {
  return row.variant ? `${row.tool} · ${row.variant}` : row.tool;
}

const GH_TK = 'tokenkit · package: types, client, docs';
const GH_OATS = 'openapi-typescript · types only';
const TC_TK = 'tokenkit · 30 calls';
const TC_OF = 'openapi-fetch (raw) · 30 calls';
const TC_HEY = '@hey-api/openapi-ts · 30 calls';
const RT_TK = 'tokenkit';
const RT_OF = 'openapi-fetch (raw)';
const RT_FLOOR = 'fetch + JSON parse (floor)';
const RT_TK_NO_TIMEOUT = 'tokenkit, timeoutMs: Infinity';
const BUNDLE_FN = 'tokenkit · GitHub standalone function, one operation';
const BUNDLE_HEY = '@hey-api/openapi-ts · one SDK function, fetch client';

/** One ratio: `comparison`'s `metric`, numerator row over denominator row. */
function r(
  id: string,
  label: string,
  comparison: string,
  metric: string,
  numerator: string,
  denominator: string,
  target?: [max: number, text: string],
): RatioSpec {
  return { id, label, comparison, metric, numerator, denominator, ...(target ? { max: target[0], target: target[1] } : {}) };
}

const GH_PEERS = ['oazapfts · types + fetch client', '@hey-api/openapi-ts · types + SDK, fetch client', 'orval · types + fetch client'];

export const RATIOS: RatioSpec[] = [
  // Targets.
  r('target-github-wall', 'GitHub generation, wall: tokenkit package / openapi-typescript types', 'gen-github', 'wallS', GH_TK, GH_OATS, [
    1,
    "GitHub full package no slower than openapi-typescript's types alone",
  ]),
  r('target-github-rss', 'GitHub generation, peak RSS: tokenkit / openapi-typescript', 'gen-github', 'rssMB', GH_TK, GH_OATS, [
    1,
    "GitHub full package within openapi-typescript's peak memory",
  ]),
  r(
    'target-tokens-wall',
    `Token specs, wall: tokenkit all three / openapi-typescript ${REFERENCE_TOKEN_SPEC}`,
    'gen-tokens',
    'wallS',
    'tokenkit · all three, one run',
    `openapi-typescript · ${REFERENCE_TOKEN_SPEC}`,
    [1, `The three token packages, cold, no slower than openapi-typescript on one of them (${REFERENCE_TOKEN_SPEC}, the largest)`],
  ),
  r('target-overhead', 'Client overhead per call: tokenkit / openapi-fetch', 'runtime-overhead', 'nsPerOp', RT_TK, RT_OF, [
    1.2,
    'Client overhead per call within 1.2× raw openapi-fetch',
  ]),
  r('target-e2e-seq', 'End to end, sequential: tokenkit / openapi-fetch', 'runtime-e2e', 'seqUsPerCall', RT_TK, RT_OF, [
    1.05,
    'End to end within 1.05× raw openapi-fetch (sequential)',
  ]),
  r('target-e2e-conc', 'End to end, concurrent: tokenkit / openapi-fetch', 'runtime-e2e', 'concUsPerCall', RT_TK, RT_OF, [
    1.05,
    'End to end within 1.05× raw openapi-fetch (concurrent batch)',
  ]),
  r('target-e2e-seq-paired', 'End to end, sequential, paired in one process: tokenkit / openapi-fetch', 'runtime-e2e-paired', 'seqUsPerCall', RT_TK, RT_OF, [
    1.05,
    'End to end within 1.05× raw openapi-fetch (sequential, the tools paired in one process)',
  ]),
  r('target-e2e-conc-paired', 'End to end, concurrent, paired in one process: tokenkit / openapi-fetch', 'runtime-e2e-paired', 'concUsPerCall', RT_TK, RT_OF, [
    1.05,
    'End to end within 1.05× raw openapi-fetch (concurrent batch, the tools paired in one process)',
  ]),
  r('target-bundle', 'One-operation bundle, gzip: tokenkit standalone function / hey-api', 'bundle', 'gzipBytes', BUNDLE_FN, BUNDLE_HEY, [
    1,
    "One-operation bundle no larger than hey-api's",
  ]),
  r('target-instantiations', 'Type-check instantiations, 30 calls: tokenkit / openapi-fetch', 'typecheck', 'instantiations', TC_TK, TC_OF, [
    1,
    "Consumer type-check instantiations for 30 calls no more than raw openapi-fetch's",
  ]),
  // Everything else, for context.
  ...GH_PEERS.flatMap((peer) => {
    const name = peer.split(' · ')[0]!;
    return [
      r(`github-wall-${name}`, `GitHub generation, wall: tokenkit / ${name}`, 'gen-github', 'wallS', GH_TK, peer),
      r(`github-rss-${name}`, `GitHub generation, peak RSS: tokenkit / ${name}`, 'gen-github', 'rssMB', GH_TK, peer),
    ];
  }),
  ...TOKEN_SPECS.flatMap((spec) => [
    r(
      `tokens-wall-${spec}`,
      `Token spec ${spec}, wall: tokenkit / openapi-typescript`,
      'gen-tokens',
      'wallS',
      `tokenkit · ${spec}`,
      `openapi-typescript · ${spec}`,
    ),
    r(
      `tokens-rss-${spec}`,
      `Token spec ${spec}, peak RSS: tokenkit / openapi-typescript`,
      'gen-tokens',
      'rssMB',
      `tokenkit · ${spec}`,
      `openapi-typescript · ${spec}`,
    ),
  ]),
  r('typecheck-check-openapi-fetch', 'Type-check time, 30 calls: tokenkit / openapi-fetch', 'typecheck', 'checkTimeS', TC_TK, TC_OF),
  r('typecheck-inst-hey', 'Type-check instantiations, 30 calls: tokenkit / hey-api', 'typecheck', 'instantiations', TC_TK, TC_HEY),
  r('typecheck-check-hey', 'Type-check time, 30 calls: tokenkit / hey-api', 'typecheck', 'checkTimeS', TC_TK, TC_HEY),
  r('typecheck-mem-openapi-fetch', 'Type-check memory, 30 calls: tokenkit / openapi-fetch', 'typecheck', 'memoryMB', TC_TK, TC_OF),
  r('overhead-floor', 'Client overhead per call: tokenkit / fetch + JSON (floor)', 'runtime-overhead', 'nsPerOp', RT_TK, RT_FLOOR),
  r('e2e-seq-floor', 'End to end, sequential: tokenkit / fetch + JSON (floor)', 'runtime-e2e', 'seqUsPerCall', RT_TK, RT_FLOOR),
  r('e2e-seq-no-timeout', 'End to end, sequential: tokenkit without a timeout / openapi-fetch', 'runtime-e2e', 'seqUsPerCall', RT_TK_NO_TIMEOUT, RT_OF),
  r(
    'e2e-seq-no-timeout-paired',
    'End to end, sequential, paired: tokenkit without a timeout / openapi-fetch',
    'runtime-e2e-paired',
    'seqUsPerCall',
    RT_TK_NO_TIMEOUT,
    RT_OF,
  ),
  r('e2e-conc-no-timeout', 'End to end, concurrent: tokenkit without a timeout / openapi-fetch', 'runtime-e2e', 'concUsPerCall', RT_TK_NO_TIMEOUT, RT_OF),
  r(
    'bundle-openapi-fetch',
    'One-operation bundle, gzip: tokenkit standalone function / openapi-fetch',
    'bundle',
    'gzipBytes',
    BUNDLE_FN,
    'openapi-fetch (raw) · createClient + one GET',
  ),
  r(
    'bundle-client-class',
    'One-operation bundle, gzip: tokenkit client class / hey-api',
    'bundle',
    'gzipBytes',
    'tokenkit · GitHub client, one method',
    BUNDLE_HEY,
  ),
  r(
    'bundle-shared-runtime',
    'Three token clients, minified: one shared runtime / runtime copied per package',
    'bundle',
    'minBytes',
    `tokenkit · ${SHARED_RUNTIME_ROW}`,
    `tokenkit · ${COPIED_RUNTIME}`,
  ),
];

/** A ratio as the tables print it: two decimals, fewer digits far from 1. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 100) return `${Math.round(value)}×`;
  if (value >= 0.01) return `${value.toFixed(2)}×`;
  return `${value.toPrecision(2)}×`;
}

function medianOf(comparisons: readonly Comparison[], id: string, label: string, metric: string): number {
  const row = comparisons.find((c) => c.id === id)?.rows.find((x) => rowLabel(x) === label);
  return !row || row.error ? Number.NaN : summarize(row.samples[metric] ?? []).median;
}

/** Computes every ratio whose comparison was run. */
export function computeRatios(comparisons: readonly Comparison[]): RatioResult[] {
  // Targets are always listed (as not measured when their section did not run or failed); context only when measured.
  return RATIOS.filter((spec) => spec.max !== undefined || comparisons.some((c) => c.id === spec.comparison)).map((spec) => {
    const value = medianOf(comparisons, spec.comparison, spec.numerator, spec.metric) / medianOf(comparisons, spec.comparison, spec.denominator, spec.metric);
    return { ...spec, value, ...(spec.max === undefined ? {} : { met: Number.isFinite(value) ? value <= spec.max : undefined }) };
  });
}
