// How times, numbers and tables are shown: China time, periods, counts, highlighted matches,
// links to subject pages, and tables that become stacked cards on a phone.
import { h, type Child } from './dom';
import { dataTable as sharedTable } from './table';

// A timestamp of the API (UTC, ISO 8601) as China time, "2026-03-12 15:04".
export function chinaTime(ts: string | null | undefined): string {
  if (!ts) return '—';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return ts;
  return new Date(t + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
}

// A date range; an open end is 长期.
export function period(from: string | null | undefined, until: string | null | undefined): string {
  if (!from && !until) return '—';
  return `${from || '—'} 至 ${until || '长期'}`;
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function count(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('zh-CN') : '—';
}

// `text` with every occurrence of `needle` wrapped in <mark> (text nodes only).
export function highlight(text: string, needle: string): Child[] {
  const n = needle.trim();
  if (!n) return [text];
  const out: Child[] = [];
  let at = 0;
  for (;;) {
    const i = text.indexOf(n, at);
    if (i < 0) break;
    if (i > at) out.push(text.slice(at, i));
    out.push(h('mark', {}, text.slice(i, i + n.length)));
    at = i + n.length;
  }
  out.push(text.slice(at));
  return out;
}

export function subjectHref(code: string): string {
  return `/subjects/${encodeURIComponent(code)}`;
}

export function subjectLink(name: string, code: string): HTMLAnchorElement {
  return h('a', { href: subjectHref(code), 'data-link': true }, name);
}

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  class?: string;
}

// The public pages' tables: the one data table of both sites (table.ts), columns named `label`.
export function dataTable<T>(caption: string, columns: Array<Column<T>>, rows: T[], rowClass?: (row: T) => string): HTMLElement {
  return sharedTable(caption, columns.map((c) => ({ header: c.label, cell: c.cell, className: c.class })), rows, null, rowClass);
}

// The text to show for a caught error (ApiError carries the server's Chinese message).
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// A deadline counted in working days. When its year's holiday notice is not yet published the
// date is counted from the holiday law alone and may still move later: it is marked 暂定.
export function due(date: string | null | undefined, name: string, provisional?: string[] | null): Child {
  if (!date) return '—';
  if (!provisional || !provisional.includes(name)) return date;
  return h(
    'span',
    {},
    date,
    ' ',
    h(
      'span',
      { class: 'provisional', 'data-testid': `provisional-${name}`, title: '该年度节假日安排通知尚未发布，期限按《全国年节及纪念日放假办法》暂定；通知发布后重新计算，已告知的期限不会提前' },
      '暂定',
    ),
  );
}
