/**
 * The ratios RESULTS.md reports, tokenkit over a peer, each a ratio of medians from the same run,
 * and the targets among them (met when the ratio is at most the target's bound).
 */
import type { Comparison, RatioResult, RatioSpec, Row } from './results.js';
import { median, ratio } from './stats.js';
import { REFERENCE_TOKEN_SPEC, TOKEN_SPECS } from './generation.js';

/** How a row is named in ratios: its tool, and its variant after a middle dot. */
export function rowLabel(row: Pick<Row, 'tool' | 'variant'>): string {
  return row.variant ? `${row.tool} · ${row.variant}` : row.tool;
}

const GH_TK = 'tokenkit · package: types, client, docs';
const TC_TK = 'tokenkit · 30 calls';

export const RATIOS: RatioSpec[] = [
  // Targets.
  {
    id: 'target-github-wall',
    label: 'GitHub generation, wall: tokenkit package / openapi-typescript types',
    comparison: 'gen-github',
    metric: 'wallS',
    numerator: GH_TK,
    denominator: 'openapi-typescript · types only',
    max: 1,
    target: "GitHub full package no slower than openapi-typescript's types alone",
  },
  {
    id: 'target-github-rss',
    label: 'GitHub generation, peak RSS: tokenkit / openapi-typescript',
    comparison: 'gen-github',
    metric: 'rssMB',
    numerator: GH_TK,
    denominator: 'openapi-typescript · types only',
    max: 1,
    target: "GitHub full package within openapi-typescript's peak memory",
  },
  {
    id: 'target-tokens-wall',
    label: `Token specs, wall: tokenkit all three / openapi-typescript ${REFERENCE_TOKEN_SPEC}`,
    comparison: 'gen-tokens',
    metric: 'wallS',
    numerator: 'tokenkit · all three, one run',
    denominator: `openapi-typescript · ${REFERENCE_TOKEN_SPEC}`,
    max: 1,
    target: `The three token packages, cold, no slower than openapi-typescript on one of them (${REFERENCE_TOKEN_SPEC}, the largest)`,
  },
  {
    id: 'target-overhead',
    label: 'Client overhead per call: tokenkit / openapi-fetch',
    comparison: 'runtime-overhead',
    metric: 'nsPerOp',
    numerator: 'tokenkit',
    denominator: 'openapi-fetch (raw)',
    max: 1.2,
    target: 'Client overhead per call within 1.2× raw openapi-fetch',
  },
  {
    id: 'target-e2e-seq',
    label: 'End to end, sequential: tokenkit / openapi-fetch',
    comparison: 'runtime-e2e',
    metric: 'seqUsPerCall',
    numerator: 'tokenkit',
    denominator: 'openapi-fetch (raw)',
    max: 1.05,
    target: 'End to end within 1.05× raw openapi-fetch (sequential)',
  },
  {
    id: 'target-e2e-conc',
    label: 'End to end, concurrent: tokenkit / openapi-fetch',
    comparison: 'runtime-e2e',
    metric: 'concUsPerCall',
    numerator: 'tokenkit',
    denominator: 'openapi-fetch (raw)',
    max: 1.05,
    target: 'End to end within 1.05× raw openapi-fetch (concurrent batch)',
  },
  {
    id: 'target-bundle',
    label: 'One-operation bundle, gzip: tokenkit standalone function / hey-api',
    comparison: 'bundle',
    metric: 'gzipBytes',
    numerator: 'tokenkit · GitHub standalone function, one operation',
    denominator: '@hey-api/openapi-ts · one SDK function, fetch client',
    max: 1,
    target: "One-operation bundle no larger than hey-api's",
  },
  {
    id: 'target-instantiations',
    label: 'Type-check instantiations, 30 calls: tokenkit / openapi-fetch',
    comparison: 'typecheck',
    metric: 'instantiations',
    numerator: TC_TK,
    denominator: 'openapi-fetch (raw) · 30 calls',
    max: 1,
    target: "Consumer type-check instantiations for 30 calls no more than raw openapi-fetch's",
  },
  // Everything else, for context.
  ...['oazapfts · types + fetch client', '@hey-api/openapi-ts · types + SDK, fetch client', 'orval · types + fetch client'].flatMap((peer): RatioSpec[] => {
    const name = peer.split(' · ')[0]!;
    return [
      {
        id: `github-wall-${name}`,
        label: `GitHub generation, wall: tokenkit / ${name}`,
        comparison: 'gen-github',
        metric: 'wallS',
        numerator: GH_TK,
        denominator: peer,
      },
      {
        id: `github-rss-${name}`,
        label: `GitHub generation, peak RSS: tokenkit / ${name}`,
        comparison: 'gen-github',
        metric: 'rssMB',
        numerator: GH_TK,
        denominator: peer,
      },
    ];
  }),
  ...TOKEN_SPECS.flatMap((spec): RatioSpec[] => [
    {
      id: `tokens-wall-${spec}`,
      label: `Token spec ${spec}, wall: tokenkit / openapi-typescript`,
      comparison: 'gen-tokens',
      metric: 'wallS',
      numerator: `tokenkit · ${spec}`,
      denominator: `openapi-typescript · ${spec}`,
    },
    {
      id: `tokens-rss-${spec}`,
      label: `Token spec ${spec}, peak RSS: tokenkit / openapi-typescript`,
      comparison: 'gen-tokens',
      metric: 'rssMB',
      numerator: `tokenkit · ${spec}`,
      denominator: `openapi-typescript · ${spec}`,
    },
  ]),
  {
    id: 'typecheck-check-openapi-fetch',
    label: 'Type-check time, 30 calls: tokenkit / openapi-fetch',
    comparison: 'typecheck',
    metric: 'checkTimeS',
    numerator: TC_TK,
    denominator: 'openapi-fetch (raw) · 30 calls',
  },
  {
    id: 'typecheck-inst-hey',
    label: 'Type-check instantiations, 30 calls: tokenkit / hey-api',
    comparison: 'typecheck',
    metric: 'instantiations',
    numerator: TC_TK,
    denominator: '@hey-api/openapi-ts · 30 calls',
  },
  {
    id: 'typecheck-check-hey',
    label: 'Type-check time, 30 calls: tokenkit / hey-api',
    comparison: 'typecheck',
    metric: 'checkTimeS',
    numerator: TC_TK,
    denominator: '@hey-api/openapi-ts · 30 calls',
  },
  {
    id: 'typecheck-mem-openapi-fetch',
    label: 'Type-check memory, 30 calls: tokenkit / openapi-fetch',
    comparison: 'typecheck',
    metric: 'memoryMB',
    numerator: TC_TK,
    denominator: 'openapi-fetch (raw) · 30 calls',
  },
  {
    id: 'overhead-floor',
    label: 'Client overhead per call: tokenkit / fetch + JSON (floor)',
    comparison: 'runtime-overhead',
    metric: 'nsPerOp',
    numerator: 'tokenkit',
    denominator: 'fetch + JSON parse (floor)',
  },
  {
    id: 'e2e-seq-floor',
    label: 'End to end, sequential: tokenkit / fetch + JSON (floor)',
    comparison: 'runtime-e2e',
    metric: 'seqUsPerCall',
    numerator: 'tokenkit',
    denominator: 'fetch + JSON parse (floor)',
  },
  {
    id: 'bundle-openapi-fetch',
    label: 'One-operation bundle, gzip: tokenkit standalone function / openapi-fetch',
    comparison: 'bundle',
    metric: 'gzipBytes',
    numerator: 'tokenkit · GitHub standalone function, one operation',
    denominator: 'openapi-fetch (raw) · createClient + one GET',
  },
  {
    id: 'bundle-client-class',
    label: 'One-operation bundle, gzip: tokenkit client class / hey-api',
    comparison: 'bundle',
    metric: 'gzipBytes',
    numerator: 'tokenkit · GitHub client, one method',
    denominator: '@hey-api/openapi-ts · one SDK function, fetch client',
  },
  {
    id: 'bundle-shared-runtime',
    label: 'Three token clients, minified: one shared runtime / runtime copied per package',
    comparison: 'bundle',
    metric: 'minBytes',
    numerator: 'tokenkit · three token clients, one shared runtime',
    denominator: 'tokenkit · three token clients, runtime copied into each package (as shipped)',
  },
];

/** A ratio as the tables print it: two decimals, fewer digits far from 1. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 100) return `${Math.round(value)}×`;
  if (value >= 0.01) return `${value.toFixed(2)}×`;
  return `${value.toPrecision(2)}×`;
}

function medianOf(comparisons: readonly Comparison[], id: string, label: string, metric: string): number {
  const row = comparisons.find((c) => c.id === id)?.rows.find((r) => rowLabel(r) === label);
  if (!row || row.error) return Number.NaN;
  return median(row.samples[metric] ?? []);
}

/** Computes every ratio whose comparison was run. */
export function computeRatios(comparisons: readonly Comparison[]): RatioResult[] {
  // Targets are always listed (as not measured when their section did not run or failed); context only when measured.
  return RATIOS.filter((spec) => spec.max !== undefined || comparisons.some((c) => c.id === spec.comparison)).map((spec) => {
    const value = ratio(
      medianOf(comparisons, spec.comparison, spec.numerator, spec.metric),
      medianOf(comparisons, spec.comparison, spec.denominator, spec.metric),
    );
    return { ...spec, value, ...(spec.max === undefined ? {} : { met: Number.isFinite(value) ? value <= spec.max : undefined }) };
  });
}
