import { api, ApiError } from '../api';
import { alertBox, append, field, h, statusBox } from '../dom';
import { dataTable, messageOf, period, subjectLink } from '../format';
import { pageParam, pager, pastLastPage, totalNote, withQuery } from '../pager';
import type { ListItem, ListsAnswer } from '../public-types';
import { focusMain, navigate, type Render } from '../router';

const PAGE_SIZE = 20;

const KINDS: Record<string, { title: string; intro: string }> = {
  red: {
    title: '红名单',
    intro: '依法依规认定的守信激励对象，在有效期内向社会公示。',
  },
  serious: {
    title: '严重失信主体名单',
    intro: '经告知、陈述申辩后依法认定的严重失信主体，在有效期内向社会公示。对公示信息有异议的，可在主体页面提出异议；符合条件的，可申请信用修复。',
  },
};

// /lists/red and /lists/serious: a public list with a domain (领域) filter. 重点关注名单 is not
// public and has no page.
export function listPage(kind: 'red' | 'serious'): Render {
  return async (main, _params, query) => {
    const { title, intro } = KINDS[kind];
    const domain = query.get('domain') ?? '';
    const page = pageParam(query);
    const path = `/lists/${kind}`;
    const status = statusBox();
    const domainSelect = h('select', { name: 'domain' }, h('option', { value: '' }, '全部领域'));
    const filter = h(
      'form',
      { class: 'filters pubfilters', 'aria-label': `筛选${title}` },
      field('领域', domainSelect),
      h('button', { type: 'submit' }, '筛选'),
    );
    filter.addEventListener('submit', (e) => {
      e.preventDefault();
      void navigate(withQuery(path, { domain: domainSelect.value })).then(focusMain);
    });
    const body = h('div', { class: 'list-body' });
    main.append(h('h1', {}, title), h('p', { class: 'lead' }, intro), filter, status, body);

    status.textContent = '正在查询…';
    let answer: ListsAnswer;
    try {
      answer = await api<ListsAnswer>('GET', withQuery('/api/v1/public/lists', { kind, domain, page, size: PAGE_SIZE }));
    } catch (e) {
      status.textContent = '';
      const err = alertBox();
      err.textContent = e instanceof ApiError && e.status === 400 && page > 1 ? '页码超出可显示的范围，请缩小查询范围。' : messageOf(e);
      append(body, [err, page > 1 ? h('p', {}, h('a', { href: withQuery(path, { domain }), 'data-link': true }, '返回第一页')) : null]);
      return;
    }
    status.textContent = '';
    for (const d of answer.domains ?? []) {
      domainSelect.append(h('option', { value: d.code, selected: d.code === domain }, d.name));
    }
    if (answer.total === 0) {
      body.append(h('p', { class: 'empty', role: 'status' }, domain ? `该领域暂无${title}信息。` : `暂无${title}信息。`));
      return;
    }
    if (answer.items.length === 0 && page > answer.max_page) {
      append(body, [totalNote(answer.total, answer.size, answer.max_page, '条', answer.capped), pastLastPage(answer.max_page, (p) => withQuery(path, { domain, page: p }))]);
      return;
    }
    append(body, [
      totalNote(answer.total, answer.size, answer.max_page, '条', answer.capped),
      dataTable<ListItem>(
        `${title}${domain ? `（${answer.domains.find((d) => d.code === domain)?.name ?? domain}）` : ''}`,
        [
          { label: '主体名称', cell: (e) => subjectLink(e.subject.name, e.subject.code), class: 'name' },
          { label: '统一社会信用代码', cell: (e) => h('span', { class: 'code' }, e.subject.code) },
          { label: '领域', cell: (e) => e.domain_name || e.domain },
          { label: '认定依据', cell: (e) => e.basis, class: 'wide' },
          { label: '决定文书', cell: (e) => e.decision_document || '—' },
          { label: '有效期', cell: (e) => period(e.valid_from, e.valid_until) },
        ],
        answer.items,
      ),
      pager(answer.page, answer.max_page, (p) => withQuery(path, { domain, page: p }), `${title}分页`),
    ]);
  };
}
