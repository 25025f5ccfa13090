import { api } from '../api';
import { alertBox, field, h } from '../dom';
import { chinaTime, count, period, subjectLink } from '../format';
import type { ListItem, PublicityItem, PublicStats } from '../public-types';
import { focusMain, navigate } from '../router';

// The search box shared by the home and search pages: name or code → /search?q=…
export function searchForm(value = '', labelText = '企业名称或统一社会信用代码'): HTMLFormElement {
  const input = h('input', {
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    maxlength: 100,
    required: true,
    placeholder: '例如 南京某某科技有限公司',
    value,
  });
  const error = alertBox();
  const form = h(
    'form',
    { class: 'search', role: 'search', 'aria-label': '信用信息查询' },
    field(labelText, input, '支持简体、繁体字和统一社会信用代码'),
    h('button', { type: 'submit', class: 'primary' }, '查询'),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (!q) {
      error.textContent = '请输入企业名称或统一社会信用代码';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    void navigate(`/search?q=${encodeURIComponent(q)}`).then(focusMain);
  });
  return form;
}

const ENTRIES: Array<[string, string, string]> = [
  ['/publicity', '双公示', '行政许可、行政处罚信息'],
  ['/lists/red', '红名单', '守信激励对象'],
  ['/lists/serious', '严重失信主体名单', '依法认定的严重失信主体'],
  ['/repairs', '信用修复', '申请条件与办理进度'],
  ['/objections/track', '异议进度查询', '凭异议编号和查询码查询'],
  ['/tips/new', '我要举报', '举报失信行为，举报人信息保密'],
  ['/cases', '典型案例', '守信激励和失信惩戒案例'],
  ['/commitments', '信用承诺', '公开的承诺及履约情况'],
  ['/reports/verify', '信用报告核验', '凭报告编号核验真伪'],
  ['/search#person', '自然人查询', '凭姓名和身份证号查询'],
];

// 首页: the search box, entry points, figures, the latest 双公示 records and red-list highlights.
export function homePage(main: HTMLElement): void {
  const figures = h('div', { class: 'figures-body', 'aria-live': 'polite' }, h('p', { class: 'hint' }, '正在加载…'));
  const latest = h('div', { 'aria-live': 'polite' });
  const red = h('div', { 'aria-live': 'polite' });
  const notices = h('div', { 'aria-live': 'polite' });
  main.append(
    h(
      'section',
      { class: 'hero', 'aria-labelledby': 'home-h' },
      h('h1', { id: 'home-h' }, '信用信息查询'),
      h('p', { class: 'lead' }, '查询企业和组织的行政许可、行政处罚及红名单、严重失信主体名单等公示信息。'),
      searchForm(),
    ),
    h(
      'nav',
      { class: 'entries', 'aria-label': '办事服务' },
      h(
        'ul',
        {},
        ENTRIES.map(([href, name, note]) => h('li', {}, h('a', { href, 'data-link': true }, h('strong', {}, name), h('span', {}, note)))),
      ),
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'fig-h' }, h('h2', { id: 'fig-h' }, '公示概况'), figures),
    h('section', { class: 'panel', 'aria-labelledby': 'notice-h' }, h('h2', { id: 'notice-h' }, '通知公告'), notices),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'latest-h' },
        h('div', { class: 'panel-head' }, h('h2', { id: 'latest-h' }, '最新双公示信息'), h('a', { href: '/publicity', 'data-link': true }, '更多双公示信息')),
        latest,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'red-h' },
        h('div', { class: 'panel-head' }, h('h2', { id: 'red-h' }, '红名单'), h('a', { href: '/lists/red', 'data-link': true }, '查看全部红名单')),
        red,
      ),
    ),
  );
  void loadStats(figures, latest, red);
  void loadAnnouncements(notices);
}

interface Announcement {
  id: number;
  title: string;
  body: string;
  published_at: string;
}

// 通知公告 of the credit office, newest first; each opens to its text.
async function loadAnnouncements(box: HTMLElement): Promise<void> {
  let items: Announcement[];
  try {
    items = (await api<{ items: Announcement[] }>('GET', '/api/v1/announcements?limit=5')).items;
  } catch {
    box.replaceChildren(h('p', { class: 'empty' }, '通知公告暂时无法显示，请稍后刷新页面。'));
    return;
  }
  if (items.length === 0) {
    box.replaceChildren(h('p', { class: 'empty' }, '暂无通知公告'));
    return;
  }
  box.replaceChildren(
    h(
      'ul',
      { class: 'brief' },
      items.map((a) =>
        h(
          'li',
          {},
          h('details', {}, h('summary', {}, a.title, ' ', h('span', { class: 'meta' }, chinaTime(a.published_at).slice(0, 10))), h('p', { class: 'announcement-body' }, a.body)),
        ),
      ),
    ),
  );
}

async function loadStats(figures: HTMLElement, latest: HTMLElement, red: HTMLElement): Promise<void> {
  let s: PublicStats;
  try {
    s = await api<PublicStats>('GET', '/api/v1/public/stats');
  } catch {
    const note = '统计信息暂时无法显示，请稍后刷新页面。';
    figures.replaceChildren(h('p', { class: 'empty' }, note));
    latest.replaceChildren(h('p', { class: 'empty' }, '暂时无法显示，请通过“双公示”栏目查询。'));
    red.replaceChildren(h('p', { class: 'empty' }, '暂时无法显示，请通过“红名单”栏目查询。'));
    return;
  }
  const figure = (name: string, n: number, href?: string): HTMLElement =>
    h('div', { class: 'figure' }, h('dt', {}, name), h('dd', {}, href ? h('a', { href, 'data-link': true, 'aria-label': `${name} ${count(n)}，查看详情` }, count(n)) : count(n)));
  figures.replaceChildren(
    h(
      'dl',
      { class: 'figures' },
      figure('信用主体', s.subjects),
      figure('双公示信息', s.records, '/publicity'),
      figure('红名单', s.red, '/lists/red'),
      figure('严重失信主体', s.serious, '/lists/serious'),
    ),
  );
  latest.replaceChildren(latestList(s.latest ?? []));
  red.replaceChildren(redList(s.red_list ?? []));
}

function latestList(items: PublicityItem[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty' }, '暂无公示信息');
  return h(
    'ul',
    { class: 'brief' },
    items.map((r) =>
      h(
        'li',
        {},
        h('span', { class: `tag ${r.item === 'CF' ? 'cf' : 'xk'}` }, r.item_name),
        ' ',
        subjectLink(r.subject.name, r.subject.code),
        h('span', { class: 'meta' }, `${r.department.name} · ${r.decision_date}`),
      ),
    ),
  );
}

function redList(items: ListItem[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty' }, '暂无红名单信息');
  return h(
    'ul',
    { class: 'brief' },
    items.map((e) =>
      h(
        'li',
        {},
        subjectLink(e.subject.name, e.subject.code),
        h('span', { class: 'meta' }, `${e.domain_name || e.domain} · ${e.basis}`),
        h('span', { class: 'meta' }, `有效期 ${period(e.valid_from, e.valid_until)}`),
      ),
    ),
  );
}
