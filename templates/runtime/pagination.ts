/**
 * Offset/limit pagination, as the spec declares it with `x-tokenkit-pagination`. Iterating a
 * {@link Paginator} yields every item once; `pages()` yields whole pages. It stops on an empty page,
 * when the declared total is reached, when the declared `next` link is missing (or, with neither, on a
 * short page), or when the server sends the same page twice, so a misbehaving server cannot make it
 * loop forever.
 */

/** What the paginator reads from one page. */
export interface PageInfo<Item> {
  items: readonly Item[];
  /** Total number of items, when the page declares it. */
  total?: number | undefined;
  /** Whether the page links to a next one; undefined when the API declares no link. */
  hasNext?: boolean | undefined;
}

/** An async iterable over every item of a paginated list, with access to the pages. */
export class Paginator<Page, Item> implements AsyncIterable<Item> {
  readonly #fetchPage: (offset: number) => Promise<Page>;
  readonly #read: (page: Page) => PageInfo<Item>;
  readonly #limit: number | undefined;
  readonly #start: number;

  /**
   * @param fetchPage fetches the page starting at `offset`
   * @param read picks the items, total and next link out of a page
   * @param limit the page size the caller asked for, if any
   * @param start the offset of the first page
   */
  constructor(fetchPage: (offset: number) => Promise<Page>, read: (page: Page) => PageInfo<Item>, limit?: number, start = 0) {
    this.#fetchPage = fetchPage;
    this.#read = read;
    this.#limit = limit;
    this.#start = start;
  }

  /** Every page, in order. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    let offset = this.#start;
    let pageSize = this.#limit;
    let previous: string | undefined;
    for (;;) {
      const page = await this.#fetchPage(offset);
      const info = this.#read(page);
      const fingerprint = JSON.stringify(info.items);
      if (info.items.length === 0 || fingerprint === previous) return;
      yield page;
      previous = fingerprint;
      offset += info.items.length;
      pageSize ??= info.items.length;
      // A declared total or next link is the server's word; a short page is only a hint, used when
      // neither is there (a server may cap the page below the limit asked for).
      if (info.total !== undefined) {
        if (offset >= info.total) return;
      } else if (info.hasNext !== undefined) {
        if (!info.hasNext) return;
      } else if (info.items.length < pageSize) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* this.#read(page).items;
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
