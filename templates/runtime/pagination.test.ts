/** The paginator over scripted pages: every stop rule, and no item lost or repeated. */
import { describe, expect, it } from 'vitest';
import { Paginator, present, type PageInfo } from './pagination.js';

interface Page {
  items: number[];
  total?: number;
  next?: string;
}

/** A list of `count` items served `cap` at a time whatever limit is asked, like a server with a hard page cap. */
function server(count: number, cap: number, declare: { total?: boolean; next?: boolean }) {
  const offsets: number[] = [];
  const fetchPage = (offset: number): Promise<Page> => {
    offsets.push(offset);
    const items = Array.from({ length: Math.max(0, Math.min(cap, count - offset)) }, (_, i) => offset + i);
    return Promise.resolve({
      items,
      ...(declare.total ? { total: count } : {}),
      ...(declare.next ? { next: offset + items.length < count ? `/items?offset=${offset + items.length}` : '' } : {}),
    });
  };
  const read = (page: Page): PageInfo<number> => ({ items: page.items, total: page.total, hasNext: declare.next ? present(page.next) : undefined });
  return { fetchPage, read, offsets };
}

describe('Paginator', () => {
  it.each([
    ['a total', { total: true }],
    ['a next link', { next: true }],
  ])('follows %s past pages capped below the limit', async (_label, declare) => {
    const s = server(12, 5, declare);
    expect(await new Paginator(s.fetchPage, s.read, 10).toArray()).toEqual([...Array(12).keys()]);
    expect(s.offsets).toEqual([0, 5, 10]);
  });

  it('stops on a short page when the API declares neither', async () => {
    const s = server(23, 10, {});
    expect(await new Paginator(s.fetchPage, s.read, 10).toArray()).toHaveLength(23);
    expect(s.offsets).toEqual([0, 10, 20]);
  });

  it('learns the page size from the first page when no limit is given', async () => {
    const s = server(20, 10, {});
    expect(await new Paginator(s.fetchPage, s.read).toArray()).toHaveLength(20);
    expect(s.offsets).toEqual([0, 10, 20]);
  });

  it('stops when a server ignores the offset and repeats a page', async () => {
    let calls = 0;
    const p = new Paginator(
      () => {
        calls++;
        return Promise.resolve({ items: [1, 2, 3], next: 'more' });
      },
      (page: Page) => ({ items: page.items, hasNext: present(page.next) }),
    );
    expect(await p.toArray()).toEqual([1, 2, 3]);
    expect(calls).toBe(2);
  });

  it('yields whole pages from pages()', async () => {
    const s = server(7, 3, { total: true });
    const pages: number[][] = [];
    for await (const page of new Paginator(s.fetchPage, s.read, 3).pages()) pages.push(page.items);
    expect(pages).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
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
