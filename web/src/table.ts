// Data tables and a pager for lists read page by page.
import { alertBox, h, statusBox, type Child } from './dom';

export interface Column<T> {
  header: string;
  cell: (row: T) => Child;
  // A numeric column is right-aligned.
  numeric?: boolean;
  // Short values that should not break (codes, dates, 必须执行).
  nowrap?: boolean;
  // Further classes of the column's cells.
  className?: string;
}

function cellClass<T>(c: Column<T>): string | null {
  return [c.numeric ? 'num' : '', c.nowrap ? 'nowrap' : '', c.className ?? ''].filter(Boolean).join(' ') || null;
}

// The one data table of both sites: a caption and column headers, in a box that scrolls
// sideways on its own when the table is wider than the screen (the page itself never does; the
// box takes the keyboard focus so that it can be scrolled without a mouse). Below 640 px each
// row becomes a card whose cells carry their column name (data-label); explicit roles keep the
// table semantics when CSS changes display. `empty` (null: none) is the row shown for no rows.
export function dataTable<T>(
  caption: string,
  columns: Array<Column<T>>,
  rows: T[],
  empty: string | null = '暂无数据',
  rowClass?: (row: T) => string,
): HTMLDivElement {
  const table = h(
    'table',
    { class: 'data cards', role: 'table' },
    h('caption', {}, caption),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, columns.map((c) => h('th', { scope: 'col', role: 'columnheader', class: cellClass(c) }, c.header)))),
    h(
      'tbody',
      { role: 'rowgroup' },
      rows.length === 0 && empty !== null
        ? h('tr', { role: 'row' }, h('td', { role: 'cell', colspan: columns.length, class: 'empty' }, empty))
        : rows.map((r) =>
            h(
              'tr',
              { role: 'row', class: rowClass?.(r) },
              // The cell's content in one box: on a phone the cell is a grid of label and content.
              columns.map((c) => h('td', { role: 'cell', 'data-label': c.header, class: cellClass(c) }, h('div', {}, c.cell(r)))),
            ),
          ),
    ),
  );
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption }, table);
}

export interface PageOf<T> {
  items: T[];
  // The cursor of the next page, or null on the last page.
  next: number | null;
}

// Pages through a list read with a cursor (`next_before`, `next_after`): 上一页 / 下一页 keep
// the cursors seen so far. `show` replaces what is shown with the items of a page.
export class Pager<T> {
  readonly element: HTMLElement;
  private readonly prev = h('button', { type: 'button' }, '上一页');
  private readonly next = h('button', { type: 'button' }, '下一页');
  private readonly where = h('span', { class: 'page-no' });
  private readonly status = statusBox();
  private readonly error = alertBox();
  private cursors: Array<number | null> = [null];
  private nextCursor: number | null = null;
  private serial = 0; // of the latest load: an older answer arriving late is dropped
  private loading = false;

  constructor(
    label: string,
    private readonly fetchPage: (cursor: number | null) => Promise<PageOf<T>>,
    private readonly show: (items: T[]) => void,
  ) {
    this.element = h('nav', { class: 'pager', 'aria-label': label }, this.prev, this.where, this.next, this.status, this.error);
    // The buttons are marked aria-disabled rather than disabled, so that the keyboard focus
    // stays on them when the last page is reached.
    this.prev.addEventListener('click', () => {
      if (!this.loading && this.cursors.length > 1) {
        this.cursors.pop();
        void this.load();
      }
    });
    this.next.addEventListener('click', () => {
      if (!this.loading && this.nextCursor !== null) {
        this.cursors.push(this.nextCursor);
        void this.load();
      }
    });
  }

  // Back to the first page (after a filter changed).
  first(): Promise<void> {
    this.cursors = [null];
    return this.load();
  }

  private async load(): Promise<void> {
    const serial = ++this.serial;
    this.loading = true;
    this.status.textContent = '正在加载…';
    this.error.textContent = '';
    try {
      const page = await this.fetchPage(this.cursors[this.cursors.length - 1]);
      if (serial !== this.serial) return;
      if (page.items.length === 0 && this.cursors.length > 1) {
        // The cursor of a full last page may point at nothing: stay on that page.
        this.cursors.pop();
        this.nextCursor = null;
        this.status.textContent = '已是最后一页';
      } else {
        this.nextCursor = page.next;
        this.show(page.items);
        this.status.textContent = '';
      }
    } catch (e) {
      if (serial !== this.serial) return;
      this.nextCursor = null;
      this.show([]);
      this.status.textContent = '';
      this.error.textContent = (e as Error).message;
    }
    this.loading = false;
    this.where.textContent = `第 ${this.cursors.length} 页`;
    this.prev.setAttribute('aria-disabled', String(this.cursors.length <= 1));
    this.next.setAttribute('aria-disabled', String(this.nextCursor === null));
  }
}
