/**
 * What makes a spec large: its generation takes seconds and its document hundreds of megabytes, so
 * the CLI reports each stage as it finishes (progress.ts) and the pipeline collects garbage around
 * the types (memory.ts). One threshold for both, measured on the spec's text.
 */

/** Specs of this size or more are large. */
export const LARGE_SPEC_BYTES = 1024 * 1024;

/** Whether a spec of `size` bytes (or UTF-16 units of its text) is large. */
export function isLargeSpec(size: number): boolean {
  return size >= LARGE_SPEC_BYTES;
}
