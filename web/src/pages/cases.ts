import { api, ApiError } from '../api';
import { alertBox, append, h, statusBox } from '../dom';
import { chinaTime, messageOf, period, subjectLink } from '../format';
import { pageParam, pager, withQuery } from '../pager';
import type { PublicCase } from '../public-types';

const PAGE_SIZE = 20;
const KINDS: Array<[string, string]> = [
  ['', '全部'],
  ['honest', '守信案例'],
  ['dishonest', '失信案例'],
];

// Subjects as a case names them: organisations linked to their page, persons masked (张*).
function subjectsOf(c: PublicCase): HTMLElement {
  return h(
    'span',
    {},
    c.subjects.map((s, i) => [i > 0 ? '、' : '', s.code && !s.natural_person ? subjectLink(s.name, s.code) : s.name]),
  );
}

// 典型案例 (/cases?kind=honest|dishonest&page=P): the cases the credit office published and that
// are shown today, newest first.
export async function casesPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const kind = query.get('kind') ?? '';
  const page = pageParam(query);
  const status = statusBox();
  const body = h('div');
  main.append(
    h('h1', {}, '典型案例'),
    h('p', { class: 'lead' }, '信用办发布的守信激励和失信惩戒典型案例。案例引用的信息以主体页面的公示信息为准。'),
    h(
      'nav',
      { class: 'tabs', 'aria-label': '案例类别' },
      KINDS.map(([k, label]) => h('a', { href: withQuery('/cases', { kind: k }), 'data-link': true, 'aria-current': k === kind ? 'page' : null }, label)),
    ),
    status,
    body,
  );
  status.textContent = '正在查询…';
  let items: PublicCase[];
  try {
    items = (await api<{ items: PublicCase[] }>('GET', withQuery('/api/v1/public/cases', { kind, page, size: PAGE_SIZE }))).items;
  } catch (e) {
    status.textContent = '';
    const err = alertBox();
    err.textContent = messageOf(e);
    body.append(err);
    return;
  }
  status.textContent = '';
  if (items.length === 0) {
    body.append(h('p', { class: 'empty', role: 'status' }, page > 1 ? '没有更多案例。' : '暂无典型案例。'));
    return;
  }
  append(body, [
    h(
      'ul',
      { class: 'records cases' },
      items.map((c) =>
        h(
          'li',
          { class: 'record', 'data-case': String(c.id) },
          h('h2', {}, h('a', { href: `/cases/${c.id}`, 'data-link': true }, c.title), ' ', h('span', { class: c.kind === 'dishonest' ? 'badge danger' : 'badge' }, c.kind_label)),
          h('p', { class: 'hint' }, '涉及主体：', subjectsOf(c), '　发布时间：', chinaTime(c.published_at)),
        ),
      ),
    ),
    pager(page, items.length < PAGE_SIZE ? page : page + 1, (p) => withQuery('/cases', { kind, page: p }), '典型案例分页'),
  ]);
}

// 典型案例 (/cases/{id}): one case with the records and list entries it cites, as the subject
// pages show them.
export async function casePage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const status = statusBox();
  main.append(h('h1', {}, '典型案例'), status);
  status.textContent = '正在查询…';
  let c: PublicCase;
  try {
    c = await api<PublicCase>('GET', `/api/v1/public/cases/${encodeURIComponent(params.id)}`);
  } catch (e) {
    status.textContent = '';
    const err = alertBox();
    err.textContent = e instanceof ApiError && e.status === 404 ? '该案例不存在或已不再公开。' : messageOf(e);
    main.append(err, h('p', {}, h('a', { href: '/cases', 'data-link': true }, '返回典型案例')));
    return;
  }
  status.textContent = '';
  main.querySelector('h1')!.textContent = c.title;
  append(main, [
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '类别'),
      h('dd', {}, c.kind_label),
      h('dt', {}, '涉及主体'),
      h('dd', {}, subjectsOf(c)),
      h('dt', {}, '发布时间'),
      h('dd', {}, chinaTime(c.published_at)),
    ),
    h('div', { class: 'panel prewrap' }, c.body ?? ''),
    c.records && c.records.length
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'case-records-h' },
          h('h2', { id: 'case-records-h' }, '引用的公示信息'),
          h(
            'ul',
            {},
            c.records.map((r) =>
              h('li', {}, `${r.item.name} ${String(r.fields['CF_WSH'] ?? r.fields['XK_XKWS'] ?? '')}，决定日期 ${r.decision_date}`, r.disputed_label ? h('span', { class: 'badge danger' }, r.disputed_label) : null),
            ),
          ),
        )
      : null,
    c.lists && c.lists.length
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'case-lists-h' },
          h('h2', { id: 'case-lists-h' }, '引用的名单'),
          h('ul', {}, c.lists.map((e) => h('li', {}, `${e.list_name}：${e.basis}（有效期 ${period(e.valid_from, e.valid_until)}）`))),
        )
      : null,
    h('p', {}, h('a', { href: '/cases', 'data-link': true }, '返回典型案例')),
  ]);
}
