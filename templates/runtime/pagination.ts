/**
 * Auto-pagination, in the style the spec declares with `x-tokenkit-pagination`: offset/limit, page
 * number/size, a cursor taken from each response, a next-page URL in the body, or the `Link` header's
 * `rel="next"`. Iterating a {@link Paginator} yields every item once; `pages()` yields whole pages and
 * `pagesWithResponse()` each page with its status and headers.
 *
 * It never loops on a repeated page: it stops when a page repeats the previous page's items, when a
 * cursor or next URL comes back that it has already followed, after {@link MAX_EMPTY_PAGES} empty
 * pages in a row (each with a new cursor), and (offset and page styles) on an empty page, when the
 * declared total is reached, when the declared `next` link is missing or, with neither, on a short page.
 */
import type { WithResponse } from './api-promise.js';
import { nextLink } from './link-header.js';

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

/** How a generated `…All` method fetches and reads the pages of one operation. */
export type PageSource<Page, Item> =
  | { style: 'offset'; limit?: number | undefined; fetch: Fetch<number, Page>; read: Read<Page, Item> }
  | { style: 'page'; start: number; limit?: number | undefined; fetch: Fetch<number, Page>; read: Read<Page, Item> }
  | { style: 'cursor'; fetch: Fetch<string | undefined, Page>; read: Read<Page, Item> }
  | { style: 'next-url' | 'link-header'; fetch: Fetch<string | undefined, Page>; read: Read<Page, Item> };

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
    let pageSize = source.style === 'offset' || source.style === 'page' ? source.limit : undefined;
    let count = 0;
    let previous: string | undefined;
    let empty = 0;
    const followed = new Set<string>();
    for (;;) {
      const fetched = await fetch(position);
      const info = source.read(fetched.data);
      const { items } = info;
      if (items.length === 0 && (source.style === 'offset' || source.style === 'page')) return;
      // A cursor or URL style page may be empty and still lead on (Slack's filtered lists do).
      if (items.length > 0) {
        const fingerprint = JSON.stringify(items);
        if (fingerprint === previous) return;
        previous = fingerprint;
        empty = 0;
      } else if (++empty > MAX_EMPTY_PAGES) return;
      yield fetched;
      count += items.length;
      if (source.style === 'offset' || source.style === 'page') {
        position = source.style === 'offset' ? count : (position as number) + 1;
        pageSize ??= items.length;
        // A declared total or next link is the server's word; a short page is only a hint, used when
        // neither is there (a server may cap the page below the size asked for).
        if (info.total !== undefined) {
          if (count >= info.total) return;
        } else if (source.style === 'page' && info.totalPages !== undefined) {
          if (position - source.start >= info.totalPages) return;
        } else if (info.hasNext !== undefined) {
          if (!info.hasNext) return;
        } else if (items.length < pageSize) return;
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
    for await (const page of this.pages()) yield* this.#source.read(page).items;
  }

  /** Collects every item into an array. */
  async toArray(): Promise<Item[]> {
    const all: Item[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
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
