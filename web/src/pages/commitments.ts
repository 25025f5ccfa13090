import { api, ApiError } from '../api';
import { alertBox, append, field, h, statusBox } from '../dom';
import { messageOf } from '../format';
import { pageParam, withQuery } from '../pager';
import { navigate } from '../router';
import type { PublicCommitment } from '../public-types';

const PAGE_SIZE = 20;

// The words of a commitment's state as the public reads them.
export function commitmentState(c: PublicCommitment): { text: string; danger: boolean } {
  if (c.status === 'fulfilled') return { text: '已履约', danger: false };
  if (c.status === 'breached') return { text: c.performance === 'partial' ? '违诺（部分履行）' : '违诺（全部未履行）', danger: true };
  if (c.status === 'withdrawn') return { text: '已撤回', danger: false };
  return { text: c.material_overdue ? '履行中（补正材料已逾期）' : '履行中', danger: c.material_overdue };
}

// One commitment as a card: who, what for, the text signed, the department and the outcome.
export function commitmentCard(c: PublicCommitment, withSubject: boolean): HTMLElement {
  const state = commitmentState(c);
  return h(
    'li',
    { class: 'record', 'data-commitment': c.code },
    h('h3', {}, `${c.kind_name}：${c.matter}`, ' ', h('span', { class: state.danger ? 'badge danger' : 'badge' }, state.text)),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '承诺编码'),
      h('dd', { class: 'code' }, c.code),
      withSubject ? [h('dt', {}, '承诺人'), h('dd', {}, h('a', { href: `/subjects/${encodeURIComponent(c.subject.code)}`, 'data-link': true }, c.subject.name))] : null,
      h('dt', {}, '作出日期'),
      h('dd', {}, c.made_on),
      h('dt', {}, '有效期至'),
      h('dd', {}, c.valid_until ?? '长期'),
      h('dt', {}, '受理单位'),
      h('dd', {}, c.department.name),
      c.material_due ? [h('dt', {}, '补正材料期限'), h('dd', {}, c.material_due)] : null,
      c.status === 'breached'
        ? [
            h('dt', {}, '未履行内容'),
            h('dd', {}, c.unperformed ?? ''),
            h('dt', {}, '违诺责任追究'),
            h('dd', {}, c.liability_pursued ?? ''),
            h('dt', {}, '认定日期'),
            h('dd', {}, c.decided_on ?? ''),
          ]
        : null,
    ),
    h('details', {}, h('summary', {}, '承诺内容'), h('p', { class: 'prewrap' }, c.content), h('p', { class: 'hint' }, `违诺责任：${c.liability}`)),
  );
}

// 信用承诺 (/commitments?code=…&page=P): the published commitments, newest first, and a lookup
// by 承诺编码.
export async function commitmentsPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const page = pageParam(query);
  const code = (query.get('code') ?? '').trim();
  const status = statusBox();
  const body = h('div');
  const input = h('input', { id: 'commitment-code', name: 'code', inputmode: 'numeric', maxlength: '20', value: code, placeholder: '20位承诺编码' }) as HTMLInputElement;
  const form = h('form', { class: 'search', role: 'search', 'aria-label': '按承诺编码查询' }, field('承诺编码', input), h('button', { type: 'submit' }, '查询'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void navigate(withQuery('/commitments', { code: input.value.trim() }));
  });
  main.append(
    h('h1', {}, '信用承诺'),
    h('p', { class: 'lead' }, '市场主体在行政审批、证明事项、信用修复等事项中作出并可向社会公开的信用承诺及其履行情况。自然人的承诺不在此公开。'),
    form,
    status,
    body,
  );
  status.textContent = '正在查询…';
  try {
    if (code) {
      const c = await api<PublicCommitment>('GET', `/api/v1/public/commitments/${encodeURIComponent(code)}`);
      status.textContent = '';
      body.append(h('ul', { class: 'records' }, commitmentCard(c, true)), h('p', {}, h('a', { href: '/commitments', 'data-link': true }, '返回全部承诺')));
      return;
    }
    const before = query.get('before') ?? '';
    const list = await api<{ items: PublicCommitment[]; next_before: number | null }>('GET', withQuery('/api/v1/public/commitments', { limit: PAGE_SIZE, before }));
    status.textContent = '';
    if (list.items.length === 0) {
      body.append(h('p', { class: 'empty', role: 'status' }, page > 1 || before ? '没有更多承诺。' : '暂无公开的信用承诺。'));
      return;
    }
    append(body, [
      h('ul', { class: 'records' }, list.items.map((c) => commitmentCard(c, true))),
      list.next_before ? h('p', {}, h('a', { href: withQuery('/commitments', { before: list.next_before }), 'data-link': true }, '更早的承诺')) : null,
    ]);
  } catch (e) {
    status.textContent = '';
    const err = alertBox();
    err.textContent = e instanceof ApiError && e.status === 404 ? `没有承诺编码为 ${code} 的公开信用承诺。` : messageOf(e);
    body.append(err);
  }
}
