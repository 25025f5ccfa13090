import { api, ApiError } from '../api';
import { alertBox, append, field, h } from '../dom';
import { label } from '../labels';
import { messageOf } from '../format';
import { withQuery } from '../pager';
import type { Repair } from '../public-types';
import { conditionList } from './repair';

const REPAIR_STATUS: Record<string, string> = {
  submitted: '已提交（审核中）',
  approved: '已通过（已停止公示）',
  refused: '不予修复',
  revoked: '已撤销修复',
};

const REPAIR_STEP: Record<string, string> = {
  submitted: '提交申请',
  approved: '审核通过',
  refused: '不予修复',
  revoked: '撤销修复',
};

// 信用修复进度 (/repairs/track?id=&token=): the applicant follows the application with its
// number and token, like the objection track page.
export function repairTrackPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): void {
  const id = h('input', { name: 'id', inputmode: 'numeric', required: true, pattern: '[0-9]+', autocomplete: 'off', value: query.get('id') ?? '' });
  const token = h('input', { name: 'token', required: true, autocomplete: 'off', spellcheck: 'false', value: query.get('token') ?? '' });
  const error = alertBox();
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'stack', 'aria-label': '信用修复进度查询' },
    field('申请编号', id),
    field('查询码', token, '提交信用修复申请时显示的查询码'),
    h('button', { type: 'submit', class: 'primary' }, '查询进度'),
    error,
  );
  async function lookup(): Promise<void> {
    error.textContent = '';
    result.replaceChildren();
    if (!/^[0-9]+$/.test(id.value.trim()) || token.value.trim() === '') {
      error.textContent = '请填写申请编号（数字）和查询码';
      return;
    }
    try {
      const r = await api<Repair>('GET', withQuery(`/api/v1/repairs/${id.value.trim()}/track`, { token: token.value.trim() }));
      result.replaceChildren();
      append(result, [
        h('h2', {}, '办理进度'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '当前状态'),
          h('dd', { 'data-testid': 'repair-status' }, h('strong', {}, label(REPAIR_STATUS, r.status))),
          h('dt', {}, '提交时间'),
          h('dd', {}, r.submitted_at),
          h('dt', {}, '审核期限'),
          h('dd', {}, r.review_due),
          r.decided_at ? [h('dt', {}, '审核时间'), h('dd', {}, r.decided_at)] : null,
          r.decision_note ? [h('dt', {}, '审核意见'), h('dd', {}, r.decision_note)] : null,
        ),
        h('h3', {}, '办理环节'),
        h(
          'ol',
          { class: 'steps' },
          r.steps.map((s) => h('li', {}, h('span', { class: 'step' }, label(REPAIR_STEP, s.step)), ' ', h('time', {}, s.at), s.note ? h('p', { class: 'hint' }, s.note) : null)),
        ),
        r.conditions.length > 0 ? [h('h3', {}, '修复条件'), conditionList(r.conditions)] : null,
      ]);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 404 ? '申请编号或查询码不正确' : messageOf(e);
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', withQuery('/repairs/track', { id: id.value.trim(), token: token.value.trim() }));
    void lookup();
  });
  main.append(h('h1', {}, '信用修复进度查询'), form, result);
  if (id.value && token.value) void lookup();
}
