/**
 * bench/ratios.svg, drawn by hand: one horizontal bar per ratio on a log₂ scale centred on 1.0, so a
 * bar to the left means tokenkit needs less than the peer and a bar to the right more. Targets are
 * green when met and red when not, with a tick at their bound; ratios without a target are grey.
 */
import type { RatioResult } from './results.js';

const WIDTH = 1200;
const LABEL_W = 560;
const ROW_H = 22;
const TOP = 70;
const BOTTOM = 50;
const PLOT_L = LABEL_W + 10;
const PLOT_R = WIDTH - 190;
/** The scale runs from 2^-LIMIT to 2^LIMIT; bars beyond are clipped with an arrow. */
const LIMIT = 7;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function x(value: number): number {
  const l = Math.max(-LIMIT, Math.min(LIMIT, Math.log2(value)));
  return PLOT_L + ((l + LIMIT) / (2 * LIMIT)) * (PLOT_R - PLOT_L);
}

export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 100) return `${Math.round(value)}×`;
  if (value >= 0.01) return `${value.toFixed(2)}×`;
  return `${value.toPrecision(2)}×`;
}

function group(r: RatioResult): string {
  return r.max === undefined ? r.comparison : 'targets';
}

function tickLabel(power: number): string {
  return power >= 0 ? String(2 ** power) : `1/${2 ** -power}`;
}

/** The chart for the ratios given, in their order. */
export function ratiosSvg(ratios: readonly RatioResult[], subtitle: string): string {
  const height = TOP + ratios.length * ROW_H + BOTTOM;
  const one = x(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="600">tokenkit / peer, ratio of medians (log scale; left of 1.0 = tokenkit needs less)</text>`,
    `<text x="16" y="44" fill="#555">${esc(subtitle)}</text>`,
  ];
  for (let p = -LIMIT; p <= LIMIT; p++) {
    const tx = x(2 ** p);
    parts.push(`<line x1="${tx.toFixed(1)}" y1="${TOP - 6}" x2="${tx.toFixed(1)}" y2="${height - BOTTOM + 4}" stroke="#eee"/>`);
    if (p % 2 === 0 || Math.abs(p) <= 1)
      parts.push(`<text x="${tx.toFixed(1)}" y="${height - BOTTOM + 18}" text-anchor="middle" fill="#555">${tickLabel(p)}</text>`);
  }
  ratios.forEach((r, i) => {
    const y = TOP + i * ROW_H;
    const mid = y + ROW_H / 2;
    // A rule between groups: targets first, then each comparison's context ratios.
    const prev = ratios[i - 1];
    if (prev && group(prev) !== group(r)) {
      parts.push(`<line x1="16" y1="${y}" x2="${WIDTH - 16}" y2="${y}" stroke="#ccc"/>`);
    }
    const colour = r.max === undefined ? '#9aa0a6' : r.met ? '#2e7d32' : '#c62828';
    parts.push(`<text x="${LABEL_W}" y="${mid + 4}" text-anchor="end"${r.max === undefined ? '' : ' font-weight="600"'}>${esc(r.label)}</text>`);
    if (!Number.isFinite(r.value)) {
      parts.push(`<text x="${one + 6}" y="${mid + 4}" fill="#555">not measured</text>`);
      return;
    }
    const vx = x(r.value);
    const left = Math.min(vx, one);
    const w = Math.max(1, Math.abs(vx - one));
    parts.push(`<rect x="${left.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW_H - 8}" fill="${colour}"/>`);
    const clipped = Math.abs(Math.log2(r.value)) > LIMIT;
    const text = `${formatRatio(r.value)}${clipped ? ' (off scale)' : ''}${r.max === undefined ? '' : r.met ? ' met' : ' not met'}`;
    // Left bars get their figure just right of the 1.0 line, clear of the labels.
    parts.push(`<text x="${(Math.max(vx, one) + 5).toFixed(1)}" y="${mid + 4}" fill="#222">${esc(text)}</text>`);
    if (r.max !== undefined) {
      const bx = x(r.max);
      parts.push(
        `<line x1="${bx.toFixed(1)}" y1="${y + 1}" x2="${bx.toFixed(1)}" y2="${y + ROW_H - 1}" stroke="#000" stroke-width="2" stroke-dasharray="3,2"/>`,
      );
    }
  });
  parts.push(`<line x1="${one.toFixed(1)}" y1="${TOP - 8}" x2="${one.toFixed(1)}" y2="${height - BOTTOM + 4}" stroke="#000" stroke-width="1.5"/>`);
  parts.push(`<text x="${one.toFixed(1)}" y="${TOP - 12}" text-anchor="middle" font-weight="600">1.0</text>`);
  parts.push(
    `<text x="16" y="${height - 10}" fill="#555">Bold rows are targets: green met, red not met, dashed tick at the target's bound. Grey rows are context. Scale 1/${2 ** LIMIT} to ${2 ** LIMIT}.</text>`,
  );
  parts.push('</svg>', '');
  return parts.join('\n');
}
