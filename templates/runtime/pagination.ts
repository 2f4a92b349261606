/**
 * Auto-pagination, in the style the spec declares with `x-tokenkit-pagination`: offset/limit, page
 * number/size, a cursor taken from each response, a next-page URL in the body, or the `Link` header's
 * `rel="next"`. Iterating a {@link Paginator} yields every item once; `pages()` yields whole pages and
 * `pagesWithResponse()` each page with its status and headers.
 *
 * It never loops on a repeated page: it stops when a page repeats the items of any page before it,
 * when a cursor or next URL comes back that it has already followed, after {@link MAX_EMPTY_PAGES}
 * empty pages in a row (each with a new cursor), and (offset and page styles) on an empty page, when
 * the declared total is reached, when the declared `next` link is missing or, with neither, on a
 * page shorter than one before it. A page shorter than the size asked for does not end the walk: a
 * server may cap its pages below that size. A page asked for on no word of the server's (no total,
 * no next link) may be past the end: a server that answers it 400, 404 or 416 (Django REST
 * framework's "Invalid page") has ended the list, not failed the walk.
 */
import type { WithResponse } from './api-promise.js';
import { ApiError } from './errors.js';
import { nextLink } from './link-header.js';
import { PaginationError } from './next-url.js';

/** Statuses of a page asked for past the end of a list: bad request, not found, range not satisfiable. */
const PAST_THE_END = new Set([400, 404, 416]);

/**
 * Empty pages in a row after which a cursor or URL walk stops: a filtered list may lead on through a
 * few empty pages, but a server that hands out a new cursor with nothing forever would be followed
 * forever.
 */
export const MAX_EMPTY_PAGES = 50;

/** What the paginator reads from one page. */
export interface PageInfo<Item> {
  items: readonly Item[];
  /** Total number of items, when the page declares it. */
  total?: number | undefined;
  /** Total number of pages, when the page declares it (page style). */
  totalPages?: number | undefined;
  /** Whether there is a next page, when the page says so (a `next` link, Stripe's `has_more`). */
  hasNext?: boolean | undefined;
  /** The next page's cursor (cursor style) or URL (next-URL style). */
  next?: unknown;
}

type Fetch<Position, Page> = (position: Position) => Promise<WithResponse<Page>>;
type Read<Page, Item> = (page: Page) => PageInfo<Item>;

/** How a generated `…All` method fetches and reads the pages of one operation, named in errors. */
export type PageSource<Page, Item> = { operationId: string } & (
  | { style: 'offset'; fetch: Fetch<number, Page>; read: Read<Page, Item> }
  | { style: 'page'; start: number; fetch: Fetch<number, Page>; read: Read<Page, Item> }
  | { style: 'cursor'; fetch: Fetch<string | undefined, Page>; read: Read<Page, Item> }
  | { style: 'next-url' | 'link-header'; fetch: Fetch<string | undefined, Page>; read: Read<Page, Item> }
);

/** An async iterable over every item of a paginated list, with access to the pages. */
export class Paginator<Page, Item> implements AsyncIterable<Item> {
  readonly #source: PageSource<Page, Item>;

  /** @internal */
  constructor(source: PageSource<Page, Item>) {
    this.#source = source;
  }

  /** Every page with its status, headers and `Response`, in order. */
  async *pagesWithResponse(): AsyncGenerator<WithResponse<Page>, void, undefined> {
    const source = this.#source;
    const fetch = source.fetch as Fetch<number | string | undefined, Page>;
    let position: number | string | undefined = source.style === 'offset' ? 0 : source.style === 'page' ? source.start : undefined;
    // The longest page so far: a shorter one is the last. The size asked for is no guide, since a
    // server may answer 50 items to a request for 100 and have more.
    let longest = 0;
    let count = 0;
    const seen = new Set<number>();
    let empty = 0;
    // The next page was asked for on a guess (offset and page styles without a total or next link).
    let guessed = false;
    const followed = new Set<string>();
    for (;;) {
      let fetched: WithResponse<Page>;
      try {
        fetched = await fetch(position);
      } catch (err) {
        if (guessed && err instanceof ApiError && PAST_THE_END.has(err.status)) return;
        throw err;
      }
      const info = this.#read(fetched.data);
      const { items } = info;
      if (items.length === 0 && (source.style === 'offset' || source.style === 'page')) return;
      // A cursor or URL style page may be empty and still lead on (Slack's filtered lists do).
      if (items.length > 0) {
        const fingerprint = hash53(JSON.stringify(items));
        if (seen.has(fingerprint)) return;
        seen.add(fingerprint);
        empty = 0;
      } else if (++empty > MAX_EMPTY_PAGES) return;
      yield fetched;
      count += items.length;
      if (source.style === 'offset' || source.style === 'page') {
        position = source.style === 'offset' ? count : (position as number) + 1;
        const short = items.length < longest;
        longest = Math.max(longest, items.length);
        // A declared total or next link is the server's word; a short page is only a hint, used when
        // neither is there.
        guessed = false;
        if (info.total !== undefined) {
          if (count >= info.total) return;
        } else if (source.style === 'page' && info.totalPages !== undefined) {
          if (position - source.start >= info.totalPages) return;
        } else if (info.hasNext !== undefined) {
          if (!info.hasNext) return;
        } else if (short) return;
        else guessed = true;
        continue;
      }
      if (source.style === 'cursor') {
        if (info.hasNext === false) return;
        const cursor = typeof info.next === 'string' ? info.next : typeof info.next === 'number' ? String(info.next) : '';
        if (cursor === '' || followed.has(cursor)) return;
        followed.add(cursor);
        position = cursor;
        continue;
      }
      const base = fetched.response.url;
      if (base !== '') followed.add(base);
      const link = source.style === 'link-header' ? nextLink(fetched.response.headers.get('link')) : info.next;
      if (typeof link !== 'string' || link.trim() === '') return;
      const url = resolveLink(link.trim(), base);
      if (followed.has(url)) return;
      followed.add(url);
      position = url;
    }
  }

  /** Every page, in order. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    for await (const page of this.pagesWithResponse()) yield page.data;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* this.#read(page).items;
  }

  /**
   * What a page says, checked for its list: the client does not validate bodies against the spec,
   * but a page without an array of items (`null`, `{"items": 5}`) cannot be walked, and ends it with
   * the client's own error rather than a TypeError.
   */
  #read(page: Page): PageInfo<Item> {
    let info: PageInfo<Item> | undefined;
    try {
      info = this.#source.read(page);
    } catch {
      // `null` or a scalar, whose fields cannot be read.
    }
    if (info === undefined || !Array.isArray(info.items))
      throw new PaginationError(`${this.#source.operationId}: a page holds no list of items, so the list cannot be walked`, this.#source.operationId);
    return info;
  }

  /** Collects every item into an array. */
  async toArray(): Promise<Item[]> {
    const all: Item[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}

/**
 * A 53-bit hash of a page's items: two FNV-1a lanes over the UTF-16 code units, with different
 * multipliers. Pages are told apart by it, so a long walk keeps a number per page, not the page.
 */
function hash53(text: string): number {
  let low = 0x811c9dc5;
  let high = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    low = Math.imul(low ^ unit, 0x01000193);
    high = Math.imul(high ^ unit, 0x5bd1e995);
  }
  return (high & 0x1fffff) * 0x100000000 + (low >>> 0);
}

/** Whether a `next` link value points anywhere. */
export function present(link: unknown): boolean {
  return typeof link === 'string' ? link.trim() !== '' : link !== undefined && link !== null;
}

/** The last item of a page, whose field Stripe-style cursors take. */
export function lastItem<Item>(items: readonly Item[]): Item | undefined {
  return items[items.length - 1];
}

// Relative to the URL the page came from; left as it is when that is unknown or the link is not a
// URL, for the client to resolve against the operation's URL or refuse.
function resolveLink(link: string, base: string): string {
  if (base === '') return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}
