/**
 * The server's own words from an error body, for an error's message: the first `message`-like field of
 * a JSON body (or a short plain-text body), on one line, at most {@link MAX_SERVER_MESSAGE} characters,
 * with anything shaped like a credential replaced by `[redacted]`. Messages end up in logs and bug
 * reports, and a server may echo what it was sent; the whole body stays on the error's `body`.
 */

/** The longest server message an error message quotes. */
export const MAX_SERVER_MESSAGE = 200;

/** How much of a server message is read: enough for {@link MAX_SERVER_MESSAGE} characters once credentials are redacted. */
const SCANNED = 8 * MAX_SERVER_MESSAGE;

// A shorter credential is no credential worth the name, and redacting it would blank ordinary words.
const MIN_SECRET = 4;

// The fields APIs put their human-readable message in, most specific first (RFC 9457's `detail`
// before its `title`; OAuth's `error_description` before its `error` code).
const MESSAGE_FIELDS = ['message', 'error_description', 'detail', 'title', 'error_message', 'errorMessage', 'msg', 'description', 'error'];

const REDACTIONS: readonly [RegExp, string][] = [
  // An Authorization-style value, `Bearer abc1…`: a word after it with a digit in it, or a long one.
  [/\b(bearer|basic)(\s+)(?:(?=[^\s,;'"]*\d)[^\s,;'"]{6,}|[^\s,;'"]{16,})/gi, '$1$2[redacted]'],
  // `password=…`, `api_key: …`, `?access_token=…`.
  [/\b([\w-]*(?:password|passwd|secret|token|api[_-]?key|apikey|auth|credential|signature)[\w-]*)(\s*[=:]\s*["']?)[^\s"'&,;]+/gi, '$1$2[redacted]'],
  // A long unbroken run of token characters with a digit in it: keys, tokens, JWTs. Ids up to 27
  // characters (a Mongo ObjectId has 24) stay readable.
  [/(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{28,}/g, '[redacted]'],
];

// What shows as nothing: zero-width spaces and joiners, the soft hyphen, invisible operators (U+2062,
// U+2063), the grapheme joiner (U+034F), variation selectors, tag characters (U+E0000–E007F), and the
// bidirectional marks, overrides and isolates, which would also reorder what a reader sees.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
// Control characters and line and paragraph separators, which would let a server forge log lines.
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';
const UNPRINTABLE = new RegExp(`[${CONTROLS}]+`, 'g');
// Between the characters of an echoed secret: what shows as a space, not as the secret's end.
const SPLIT = `[${CONTROLS}]*`;

/**
 * The server's message in `body`, cleaned, redacted and bounded; undefined when it has none. Each of
 * `secrets` (the credentials the client sent) is redacted wherever it appears, whatever its shape.
 */
export function serverMessage(body: unknown, secrets: readonly string[] = []): string | undefined {
  let raw = findMessage(body);
  if (raw === undefined) return undefined;
  // Characters that show as nothing would split an echoed secret, or a token the patterns below know,
  // where no reader sees a split; and a secret echoed in other case is still the secret.
  raw = raw.replace(INVISIBLE, '');
  for (const secret of secrets) {
    const pattern = secretPattern(secret);
    if (pattern !== undefined) raw = raw.replace(pattern, '[redacted]');
  }
  // Only the start can be quoted: the patterns below look ahead from every position, which on a
  // message of megabytes would hold the event loop for seconds. The cut falls between words, so no
  // credential is left in part where the patterns could no longer tell it for one.
  if (raw.length > SCANNED) {
    const cut = raw.slice(0, SCANNED);
    const space = cut.search(/\s\S*$/);
    raw = `${space > 0 ? cut.slice(0, space) : cut} …`;
  }
  // On one line, whatever the server sent.
  let text = raw.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of REDACTIONS) text = text.replace(pattern, replacement);
  if (text === '') return undefined;
  return text.length > MAX_SERVER_MESSAGE ? `${text.slice(0, MAX_SERVER_MESSAGE - 1)}…` : text;
}

/**
 * Matches `secret` as the message may echo it: in any case, and split by control characters, which
 * the message shows as spaces. Undefined for a secret too short to be one.
 */
function secretPattern(secret: string): RegExp | undefined {
  // By code point: a control character can fall between any two, not inside one.
  const chars = Array.from(secret.replace(INVISIBLE, '').replace(UNPRINTABLE, ''));
  if (chars.length < MIN_SECRET) return undefined;
  return new RegExp(chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(SPLIT), 'gi');
}

function findMessage(body: unknown): string | undefined {
  // A plain-text body is the message, unless it is a page (a proxy's HTML) or too long to be one.
  if (typeof body === 'string') return body.length <= 2 * MAX_SERVER_MESSAGE && !body.trimStart().startsWith('<') ? body : undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const field of MESSAGE_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
    // `{ "error": { "message": "…" } }`, as Google-style APIs nest it.
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const nested = (value as Record<string, unknown>).message;
      if (typeof nested === 'string' && nested.trim() !== '') return nested;
    }
  }
  // `{ "errors": [{ "message": "…" }] }` or `{ "errors": ["…"] }`.
  const errors = record.errors;
  if (Array.isArray(errors)) {
    const first: unknown = errors[0];
    if (typeof first === 'string' && first.trim() !== '') return first;
    if (typeof first === 'object' && first !== null) {
      const nested = (first as Record<string, unknown>).message;
      if (typeof nested === 'string' && nested.trim() !== '') return nested;
    }
  }
  return undefined;
}
