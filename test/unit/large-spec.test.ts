/** The one large-spec threshold, shared by the CLI's progress lines and the pipeline's collections. */
import { describe, expect, it } from 'vitest';
import { isLargeSpec, LARGE_SPEC_BYTES } from '../../generator/pipeline/large-spec.js';

describe('isLargeSpec', () => {
  it('is 1 MiB and up', () => {
    expect(LARGE_SPEC_BYTES).toBe(1024 * 1024);
    expect(isLargeSpec(LARGE_SPEC_BYTES - 1)).toBe(false);
    expect(isLargeSpec(LARGE_SPEC_BYTES)).toBe(true);
  });
});
