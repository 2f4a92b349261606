/** The paginator over scripted pages: every style's stop rules, and no item lost or repeated. */
import { describe, expect, it } from 'vitest';
import type { WithResponse } from './api-promise.js';
import { NotFoundError } from './errors.js';
import { lastItem, MAX_EMPTY_PAGES, Paginator, present, type PageInfo } from './pagination.js';
import { PaginationError } from './next-url.js';

interface Page {
  items: number[];
  total?: number;
  next?: string;
}

/** A page as a call's `.withResponse()` gives it. */
function fetched<P>(data: P, init: { url?: string; link?: string } = {}): Promise<WithResponse<P>> {
  const response = new Response(null, { headers: init.link === undefined ? {} : { link: init.link } });
  if (init.url !== undefined) Object.defineProperty(response, 'url', { value: init.url });
  return Promise.resolve({ data, status: 200, headers: response.headers, response });
}

/** A list of `count` items served `cap` at a time whatever limit is asked, like a server with a hard page cap. */
function server(count: number, cap: number, declare: { total?: boolean; next?: boolean }) {
  const offsets: number[] = [];
  const fetch = (offset: number): Promise<WithResponse<Page>> => {
    offsets.push(offset);
    const items = Array.from({ length: Math.max(0, Math.min(cap, count - offset)) }, (_, i) => offset + i);
    return fetched({
      items,
      ...(declare.total ? { total: count } : {}),
      ...(declare.next ? { next: offset + items.length < count ? `/items?offset=${offset + items.length}` : '' } : {}),
    });
  };
  const read = (page: Page): PageInfo<number> => ({ items: page.items, total: page.total, hasNext: declare.next ? present(page.next) : undefined });
  return { fetch, read, offsets };
}

const offsetStyle = (s: ReturnType<typeof server>) => new Paginator<Page, number>({ operationId: 'listThings', style: 'offset', fetch: s.fetch, read: s.read });

describe('Paginator, offset style', () => {
  it.each([
    ['a total', { total: true }],
    ['a next link', { next: true }],
  ])('follows %s past pages capped below the limit', async (_label, declare) => {
    const s = server(12, 5, declare);
    expect(await offsetStyle(s).toArray()).toEqual([...Array(12).keys()]);
    expect(s.offsets).toEqual([0, 5, 10]);
  });

  it('stops on a short page when the API declares neither', async () => {
    const s = server(23, 10, {});
    expect(await offsetStyle(s).toArray()).toHaveLength(23);
    expect(s.offsets).toEqual([0, 10, 20]);
  });

  // A request for 100 answered with 50 (a server's cap) is not the last page: only a page shorter
  // than one before it is.
  it('reads on past pages a server caps below the size asked for', async () => {
    const s = server(120, 50, {});
    expect(await offsetStyle(s).toArray()).toHaveLength(120);
    expect(s.offsets).toEqual([0, 50, 100]);
  });

  it('learns the page size from the first page when no limit is given', async () => {
    const s = server(20, 10, {});
    expect(await offsetStyle(s).toArray()).toHaveLength(20);
    expect(s.offsets).toEqual([0, 10, 20]);
  });

  it('stops when a server ignores the offset and repeats a page', async () => {
    let calls = 0;
    const p = new Paginator<Page, number>({
      operationId: 'listThings',
      style: 'offset',
      fetch: () => {
        calls++;
        return fetched({ items: [1, 2, 3], next: 'more' });
      },
      read: (page) => ({ items: page.items, hasNext: present(page.next) }),
    });
    expect(await p.toArray()).toEqual([1, 2, 3]);
    expect(calls).toBe(2);
  });

  it.each([
    ['null', null],
    ['items that are no array', { items: 5 }],
  ])('ends with a PaginationError naming the operation on a page of %s', async (_label, body) => {
    const p = new Paginator<Page, number>({
      operationId: 'listThings',
      style: 'offset',
      fetch: () => fetched(body as unknown as Page),
      read: (page) => ({ items: page.items }),
    });
    const err = await p.toArray().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PaginationError);
    expect((err as PaginationError).message).toBe('listThings: a page holds no list of items, so the list cannot be walked');
    expect((err as PaginationError).operationId).toBe('listThings');
  });

  it('stops when a page repeats any page before it, not only the last', async () => {
    let calls = 0;
    const p = new Paginator<Page, number>({
      operationId: 'listThings',
      style: 'offset',
      fetch: () => fetched({ items: calls++ % 2 === 0 ? [1, 2, 3] : [3, 2, 1], next: 'more' }),
      read: (page) => ({ items: page.items, hasNext: present(page.next) }),
    });
    expect(await p.toArray()).toEqual([1, 2, 3, 3, 2, 1]);
    expect(calls).toBe(3);
  });

  it('yields whole pages from pages(), and each with its response from pagesWithResponse()', async () => {
    const pages: number[][] = [];
    for await (const page of offsetStyle(server(7, 3, { total: true })).pages()) pages.push(page.items);
    expect(pages).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    const statuses: number[] = [];
    for await (const page of offsetStyle(server(7, 3, { total: true })).pagesWithResponse()) statuses.push(page.status);
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('treats an empty string as no next link', () => {
    expect([present(''), present('  '), present(undefined), present(null), present('/next'), present({ href: '/n' })]).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('Paginator, page style', () => {
  const pageServer = (count: number, size: number, declare: { total?: boolean; totalPages?: boolean }) => {
    const asked: number[] = [];
    const paginator = (start: number) =>
      new Paginator<Page & { pages?: number }, number>({
        operationId: 'listThings',
        style: 'page',
        start,
        fetch: (page) => {
          asked.push(page);
          const from = (page - start) * size;
          return fetched({
            items: Array.from({ length: Math.max(0, Math.min(size, count - from)) }, (_, i) => from + i),
            ...(declare.total ? { total: count } : {}),
            ...(declare.totalPages ? { pages: Math.ceil(count / size) } : {}),
          });
        },
        read: (page) => ({ items: page.items, total: page.total, totalPages: page.pages }),
      });
    return { asked, paginator };
  };

  it.each([
    ['a total', { total: true }, 1, [1, 2, 3]],
    ['a page count', { totalPages: true }, 1, [1, 2, 3]],
    ['a page count from page 0', { totalPages: true }, 0, [0, 1, 2]],
    ['neither (a short page)', {}, 1, [1, 2, 3]],
  ])('stops on %s', async (_label, declare, start, pages) => {
    const s = pageServer(10, 4, declare);
    expect(await s.paginator(start).toArray()).toEqual([...Array(10).keys()]);
    expect(s.asked).toEqual(pages);
  });

  // Django REST framework answers a page past the end "404 Invalid page": the list has ended there.
  it('ends at a page past the end that the server refuses, when nothing said there was one', async () => {
    const notFound = () =>
      new NotFoundError({ operationId: 'list', method: 'GET', url: 'https://api.example.com/items' }, 404, new Headers(), { detail: 'Invalid page.' });
    const asked: number[] = [];
    const walk = (total?: number) =>
      new Paginator<Page, number>({
        operationId: 'listThings',
        style: 'page',
        start: 1,
        fetch: (page) => {
          asked.push(page);
          return page === 1 ? fetched({ items: [1, 2, 3], ...(total === undefined ? {} : { total }) }) : Promise.reject(notFound());
        },
        read: (page) => ({ items: page.items, total: page.total }),
      });
    expect(await walk().toArray()).toEqual([1, 2, 3]);
    expect(asked).toEqual([1, 2]);
    // Where the server said there is more, the same answer is an error.
    await expect(walk(10).toArray()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stops on an empty page when the list ends on a full one', async () => {
    const s = pageServer(8, 4, {});
    expect(await s.paginator(1).toArray()).toHaveLength(8);
    expect(s.asked).toEqual([1, 2, 3]);
  });
});

describe('Paginator, cursor style', () => {
  interface CursorPage {
    data: { id: string }[];
    has_more?: boolean;
    meta?: { next?: string };
  }

  it('feeds the last item’s field back and stops when has_more is false (Stripe)', async () => {
    const cursors: (string | undefined)[] = [];
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const p = new Paginator<CursorPage, { id: string }>({
      operationId: 'listThings',
      style: 'cursor',
      fetch: (cursor) => {
        cursors.push(cursor);
        const from = cursor === undefined ? 0 : ids.indexOf(cursor) + 1;
        return fetched({ data: ids.slice(from, from + 2).map((id) => ({ id })), has_more: from + 2 < ids.length });
      },
      read: (page) => ({ items: page.data, hasNext: page.has_more, next: lastItem(page.data)?.id }),
    });
    expect((await p.toArray()).map((i) => i.id)).toEqual(ids);
    expect(cursors).toEqual([undefined, 'b', 'd']);
  });

  it('follows a response field through empty pages, and stops on an empty cursor (Slack)', async () => {
    const script: CursorPage[] = [
      { data: [{ id: '1' }], meta: { next: 'x' } },
      { data: [], meta: { next: 'y' } },
      { data: [{ id: '2' }], meta: { next: '' } },
    ];
    let call = 0;
    const p = new Paginator<CursorPage, { id: string }>({
      operationId: 'listThings',
      style: 'cursor',
      fetch: () => fetched(script[call++] ?? { data: [] }),
      read: (page) => ({ items: page.data, next: page.meta?.next }),
    });
    expect((await p.toArray()).map((i) => i.id)).toEqual(['1', '2']);
    expect(call).toBe(3);
  });

  it('stops after a run of empty pages, each with a new cursor, and goes through a shorter one', async () => {
    const walk = async (emptyRun: number, forever: boolean) => {
      let call = 0;
      const p = new Paginator<CursorPage, { id: string }>({
        operationId: 'listThings',
        style: 'cursor',
        fetch: () => {
          call++;
          const data = call === 1 || (!forever && call === emptyRun + 2) ? [{ id: String(call) }] : [];
          return fetched({ data, meta: { next: forever || call < emptyRun + 2 ? `c${call}` : '' } });
        },
        read: (page) => ({ items: page.data, next: page.meta?.next }),
      });
      return { ids: (await p.toArray()).map((i) => i.id), calls: () => call };
    };
    const endless = await walk(0, true);
    expect(endless.ids).toEqual(['1']);
    expect(endless.calls()).toBe(MAX_EMPTY_PAGES + 2);
    const filtered = await walk(MAX_EMPTY_PAGES, false);
    expect(filtered.ids).toEqual(['1', String(MAX_EMPTY_PAGES + 2)]);
  });

  it('stops when a cursor comes back that it has already followed', async () => {
    let call = 0;
    const p = new Paginator<CursorPage, { id: string }>({
      operationId: 'listThings',
      style: 'cursor',
      fetch: () => {
        call++;
        return fetched({ data: [{ id: String(call) }], meta: { next: call % 2 === 0 ? 'a' : 'b' } });
      },
      read: (page) => ({ items: page.data, next: page.meta?.next }),
    });
    expect((await p.toArray()).map((i) => i.id)).toEqual(['1', '2', '3']);
    expect(call).toBe(3);
  });
});

describe('Paginator, URL styles', () => {
  it('follows next URLs from the body, resolved against the page’s URL, until one is missing', async () => {
    const asked: (string | undefined)[] = [];
    const p = new Paginator<Page, number>({
      operationId: 'listThings',
      style: 'next-url',
      fetch: (url) => {
        asked.push(url);
        const n = asked.length;
        return fetched({ items: [n], ...(n < 3 ? { next: `?page=${n + 1}` } : {}) }, { url: `https://api.test/v1/items${n === 1 ? '' : `?page=${n}`}` });
      },
      read: (page) => ({ items: page.items, next: page.next }),
    });
    expect(await p.toArray()).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'https://api.test/v1/items?page=2', 'https://api.test/v1/items?page=3']);
  });

  it('follows the Link header’s rel="next" and stops on a link back to a page already fetched', async () => {
    const asked: (string | undefined)[] = [];
    const links = ['</items?page=2>; rel="next", </items?page=9>; rel="last"', '<https://api.test/items?page=1>; rel="next prev"'];
    const p = new Paginator<number[], number>({
      operationId: 'listThings',
      style: 'link-header',
      fetch: (url) => {
        asked.push(url);
        const n = asked.length;
        return fetched([n], { url: n === 1 ? 'https://api.test/items?page=1' : (url ?? ''), ...(links[n - 1] === undefined ? {} : { link: links[n - 1] }) });
      },
      read: (page) => ({ items: page }),
    });
    expect(await p.toArray()).toEqual([1, 2]);
    expect(asked).toEqual([undefined, 'https://api.test/items?page=2']);
  });

  it('stops when there is no Link header', async () => {
    let calls = 0;
    const p = new Paginator<number[], number>({
      operationId: 'listThings',
      style: 'link-header',
      fetch: () => {
        calls++;
        return fetched([calls]);
      },
      read: (page) => ({ items: page }),
    });
    expect(await p.toArray()).toEqual([1]);
  });
});
