/**
 * The HTTP `Link` header (RFC 8288 §3): `<uri>; rel="next"; title="a, b", <uri2>; rel=last`. A
 * hand-written scanner rather than a split on `,` and `;`, since both may stand inside a quoted
 * parameter value and a URI.
 */

/** One link of a `Link` header: its target as written and its parameters, names lower-cased. */
export interface LinkValue {
  target: string;
  /** The first value of each parameter (RFC 8288 §3.3: a later `rel` is ignored). */
  params: ReadonlyMap<string, string>;
}

const SPACE = new Set([' ', '\t']);
// Characters that end a token (RFC 9110 §5.6.2) in a parameter.
const DELIMITERS = new Set([' ', '\t', ';', ',', '=', '"']);

/** Every link of a `Link` header value, in order; malformed parts are skipped, never thrown on. */
export function parseLinkHeader(header: string): LinkValue[] {
  const links: LinkValue[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < header.length && SPACE.has(header.charAt(i))) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < header.length && !DELIMITERS.has(header.charAt(i))) i++;
    return header.slice(start, i);
  };
  const quoted = (): string => {
    let value = '';
    for (i++; i < header.length; i++) {
      const c = header.charAt(i);
      if (c === '"') {
        i++;
        break;
      }
      if (c === '\\' && i + 1 < header.length) i++;
      value += header.charAt(i);
    }
    return value;
  };
  // Skips to just past the next `,` outside quotes: the end of a link, or of a malformed part.
  const skipToComma = (): void => {
    while (i < header.length && header.charAt(i) !== ',') {
      if (header.charAt(i) === '"') quoted();
      else i++;
    }
    i++;
  };
  while (i < header.length) {
    skipSpace();
    if (header.charAt(i) === ',') {
      i++;
      continue;
    }
    const close = header.indexOf('>', i);
    if (header.charAt(i) !== '<' || close < 0) {
      skipToComma();
      continue;
    }
    const target = header.slice(i + 1, close).trim();
    i = close + 1;
    const params = new Map<string, string>();
    for (;;) {
      skipSpace();
      if (header.charAt(i) !== ';') break;
      i++;
      skipSpace();
      const name = token().toLowerCase();
      skipSpace();
      let value = '';
      if (header.charAt(i) === '=') {
        i++;
        skipSpace();
        value = header.charAt(i) === '"' ? quoted() : token();
      }
      if (name !== '' && !params.has(name)) params.set(name, value);
    }
    skipToComma();
    links.push({ target, params });
  }
  return links;
}

/** The target of the first link whose `rel` holds `next` (relation types are case-insensitive, space-separated). */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const link of parseLinkHeader(header)) {
    const rel = link.params.get('rel');
    if (
      rel !== undefined &&
      rel
        .toLowerCase()
        .split(/[ \t]+/)
        .includes('next')
    )
      return link.target;
  }
  return undefined;
}
