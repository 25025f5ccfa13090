// Paging for the public listings: page numbers in the URL (?page=), a pager of links, and the
// polite note when the server's cap (page ≤ max_page, size ≤ 50) hides part of the result.
import { h, type Child } from './dom';
import { count } from './format';

// A positive page number from the query, else 1.
export function pageParam(query: URLSearchParams, name = 'page'): number {
  const n = Number.parseInt(query.get(name) ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

// `path?k=v&…` with empty values left out.
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

// The pages to offer around `page`: the first, the last, and two either side; 0 marks a gap.
export function pageWindow(page: number, maxPage: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= maxPage; p++) {
    if (p === 1 || p === maxPage || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== 0) out.push(0);
  }
  return out;
}

// The pager: 上一页, numbered pages (the current one with aria-current), 下一页. Nothing when
// there is only one page.
export function pager(page: number, maxPage: number, href: (page: number) => string, label = '分页'): HTMLElement | null {
  if (maxPage <= 1) return null;
  const link = (p: number, text: Child, rel?: string, aria?: string): HTMLElement =>
    h('a', { href: href(p), 'data-link': true, rel, 'aria-label': aria }, text);
  const items: HTMLElement[] = [];
  items.push(
    h('li', {}, page > 1 ? link(page - 1, '上一页', 'prev') : h('span', { class: 'disabled', 'aria-disabled': 'true' }, '上一页')),
  );
  for (const p of pageWindow(page, maxPage)) {
    if (p === 0) items.push(h('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    else if (p === page) items.push(h('li', {}, h('a', { href: href(p), 'data-link': true, 'aria-current': 'page', 'aria-label': `第${p}页，当前页` }, String(p))));
    else items.push(h('li', {}, link(p, String(p), undefined, `第${p}页`)));
  }
  items.push(
    h('li', {}, page < maxPage ? link(page + 1, '下一页', 'next') : h('span', { class: 'disabled', 'aria-disabled': 'true' }, '下一页')),
  );
  return h('nav', { class: 'page-links', 'aria-label': label }, h('ul', {}, items), h('p', { class: 'hint' }, `第 ${page} / ${maxPage} 页`));
}

// "共 N 条" and, when the cap hides some, "仅显示前 M 条，请缩小查询范围".
export function totalNote(total: number, size: number, maxPage: number, unit = '条', capped?: boolean): HTMLElement {
  const shown = size * maxPage;
  return h(
    'p',
    { class: 'total', role: 'status' },
    `共 ${count(total)} ${unit}`,
    capped ?? total > shown ? h('span', { class: 'cap' }, `，仅显示前${count(Math.min(shown, total))}${unit}，请缩小查询范围`) : null,
  );
}

// The note for a page number past the last page (the server answers no items, or 400).
export function pastLastPage(maxPage: number, href: (page: number) => string): HTMLElement[] {
  return [
    h('p', { class: 'empty', role: 'status' }, `页码超出可显示的范围（最多${maxPage}页），请缩小查询范围。`),
    h('p', {}, h('a', { href: href(Math.max(1, maxPage)), 'data-link': true }, maxPage > 1 ? `转到第${maxPage}页` : '返回第一页')),
  ];
}
