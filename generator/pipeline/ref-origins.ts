/**
 * Where each node of a referenced file was written. Bundling inlines referenced files into the root
 * document, moving their nodes (a schema to `components/schemas`, a path item under `paths`) while
 * keeping each node object itself; so a node found in the bundled document is traced back to its
 * file and pointer by identity. Recorded when the file is parsed, before bundling merges nodes.
 */
import type { Source } from '@redocly/openapi-core';
import { pointerToken } from '../issues.js';

/** A node's file and its JSON pointer there. */
export interface NodeOrigin {
  source: Source;
  pointer: string;
}

/** The origins of every object and array node of the referenced files parsed so far. */
export class NodeOrigins {
  private readonly origins = new WeakMap<object, NodeOrigin>();

  /** Records every node of one parsed file; iterative, as a file may nest deep. */
  record(source: Source, parsed: unknown): void {
    const stack: [unknown, string][] = [[parsed, '']];
    while (stack.length > 0) {
      const [node, at] = stack.pop() as [unknown, string];
      if (typeof node !== 'object' || node === null || this.origins.has(node)) continue;
      this.origins.set(node, { source, pointer: at });
      for (const [key, child] of Object.entries(node)) if (typeof child === 'object' && child !== null) stack.push([child, `${at}/${pointerToken(key)}`]);
    }
  }

  get(node: object): NodeOrigin | undefined {
    return this.origins.get(node);
  }
}
