import { api, ApiError } from '../api';
import { alertBox, append, field, h, statusBox } from '../dom';
import { dataTable, messageOf, subjectLink } from '../format';
import { pageParam, pager, pastLastPage, totalNote, withQuery } from '../pager';
import type { Department, PageOf, PublicityItem } from '../public-types';
import { focusMain, navigate } from '../router';

const PAGE_SIZE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// 双公示 (/publicity?item=&department=&from=&to=&page=): the 行政许可 and 行政处罚 decisions that
// are public today, by department and decision date. Natural persons never appear.
export async function publicityPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const item = ['CF', 'XK'].includes(query.get('item') ?? '') ? (query.get('item') as string) : '';
  const department = query.get('department') ?? '';
  const from = DATE.test(query.get('from') ?? '') ? (query.get('from') as string) : '';
  const to = DATE.test(query.get('to') ?? '') ? (query.get('to') as string) : '';
  const page = pageParam(query);

  const itemSelect = h(
    'select',
    { name: 'item' },
    h('option', { value: '' }, '全部'),
    h('option', { value: 'XK', selected: item === 'XK' }, '行政许可'),
    h('option', { value: 'CF', selected: item === 'CF' }, '行政处罚'),
  );
  const deptSelect = h('select', { name: 'department' }, h('option', { value: '' }, '全部部门'));
  const fromInput = h('input', { type: 'date', name: 'from', value: from });
  const toInput = h('input', { type: 'date', name: 'to', value: to });
  const filterError = alertBox();
  const filter = h(
    'form',
    { class: 'filters pubfilters', 'aria-label': '筛选双公示信息' },
    field('信息类别', itemSelect),
    field('决定部门', deptSelect),
    field('决定日期自', fromInput),
    field('决定日期至', toInput),
    h('button', { type: 'submit' }, '查询'),
    filterError,
  );
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    filterError.textContent = '';
    if (fromInput.value && toInput.value && fromInput.value > toInput.value) {
      filterError.textContent = '开始日期不能晚于结束日期';
      fromInput.focus();
      return;
    }
    const url = withQuery('/publicity', { item: itemSelect.value, department: deptSelect.value, from: fromInput.value, to: toInput.value });
    void navigate(url).then(focusMain);
  });
  const status = statusBox();
  const body = h('div', { class: 'list-body' });
  main.append(
    h('h1', {}, '双公示'),
    h('p', { class: 'lead' }, '行政许可、行政处罚信息自作出决定之日起7个工作日内上网公示，公示期满后不再显示。'),
    filter,
    status,
    body,
  );

  status.textContent = '正在查询…';
  const [depts, answer] = await Promise.allSettled([
    api<{ items: Department[] }>('GET', '/api/v1/public/departments'),
    api<PageOf<PublicityItem>>('GET', withQuery('/api/v1/public/records', { item, department, from, to, page, size: PAGE_SIZE })),
  ]);
  status.textContent = '';
  if (depts.status === 'fulfilled') {
    for (const d of depts.value.items) deptSelect.append(h('option', { value: d.code, selected: d.code === department }, d.name));
  }
  if (answer.status === 'rejected') {
    const e = answer.reason as unknown;
    const err = alertBox();
    err.textContent = e instanceof ApiError && e.status === 400 && page > 1 ? '页码超出可显示的范围，请缩小查询范围。' : messageOf(e);
    append(body, [err, page > 1 ? h('p', {}, h('a', { href: withQuery('/publicity', { item, department, from, to }), 'data-link': true }, '返回第一页')) : null]);
    return;
  }
  const a = answer.value;
  if (a.total === 0) {
    body.append(h('p', { class: 'empty', role: 'status' }, '没有符合条件的公示信息。'));
    return;
  }
  const href = (p: number): string => withQuery('/publicity', { item, department, from, to, page: p });
  if (a.items.length === 0 && page > a.max_page) {
    append(body, [totalNote(a.total, a.size, a.max_page, '条', a.capped), pastLastPage(a.max_page, href)]);
    return;
  }
  append(body, [
    totalNote(a.total, a.size, a.max_page, '条', a.capped),
    dataTable<PublicityItem>(
      '双公示信息',
      [
        {
          label: '信息类别',
          cell: (r) => [h('span', { class: `tag ${r.item === 'CF' ? 'cf' : 'xk'}` }, r.item_name), r.disputed_label ? h('span', { class: 'badge danger' }, r.disputed_label) : null],
        },
        { label: '行政相对人', cell: (r) => subjectLink(r.subject.name, r.subject.code), class: 'name' },
        { label: '决定文书号', cell: (r) => r.document },
        { label: '内容', cell: (r) => [h('strong', {}, r.title), r.summary ? h('p', { class: 'hint' }, r.summary) : null], class: 'wide' },
        { label: '决定部门', cell: (r) => r.department.name },
        { label: '决定日期', cell: (r) => r.decision_date, class: 'date' },
        { label: '公示至', cell: (r) => r.display_until || '长期', class: 'date' },
      ],
      a.items,
    ),
    pager(a.page, a.max_page, href, '双公示分页'),
  ]);
}
