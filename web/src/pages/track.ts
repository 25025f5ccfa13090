import { api, ApiError, type Objection } from '../api';
import { alertBox, field, h } from '../dom';
import { label, OBJECTION_STATUS, STEP } from '../labels';

// 查询进度: the filer follows an objection with its number and token.
export function trackPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): void {
  const id = h('input', { name: 'id', inputmode: 'numeric', required: true, pattern: '[0-9]+', autocomplete: 'off', value: query.get('id') ?? '' });
  const token = h('input', { name: 'token', required: true, autocomplete: 'off', spellcheck: 'false', value: query.get('token') ?? '' });
  const error = alertBox();
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'stack', 'aria-label': '异议办理进度查询' },
    field('异议编号', id),
    field('查询码', token, '提交异议时显示的查询码'),
    h('button', { type: 'submit', class: 'primary' }, '查询进度'),
    error,
  );
  async function lookup(): Promise<void> {
    error.textContent = '';
    result.replaceChildren();
    if (!/^[0-9]+$/.test(id.value.trim()) || token.value.trim() === '') {
      error.textContent = '请填写异议编号（数字）和查询码';
      return;
    }
    try {
      const o = await api<Objection>('GET', `/api/v1/objections/${id.value.trim()}/track?token=${encodeURIComponent(token.value.trim())}`);
      result.replaceChildren(
        h('h2', {}, '办理进度'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '当前状态'),
          h('dd', { 'data-testid': 'objection-status' }, h('strong', {}, label(OBJECTION_STATUS, o.status))),
          h('dt', {}, '提交时间'),
          h('dd', {}, o.submitted_at),
          h('dt', {}, '受理期限'),
          h('dd', {}, o.accept_due),
          h('dt', {}, '办结期限'),
          h('dd', {}, o.close_due),
          o.refuse_reason ? [h('dt', {}, '不予受理理由'), h('dd', {}, o.refuse_reason)] : null,
        ),
        h('h3', {}, '办理环节'),
        h(
          'ol',
          { class: 'steps' },
          o.steps.map((s) => h('li', {}, h('span', { class: 'step' }, label(STEP, s.step)), ' ', h('time', {}, s.at), s.note ? h('p', { class: 'hint' }, s.note) : null)),
        ),
      );
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 404 ? '异议编号或查询码不正确' : (e as Error).message;
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const url = `/objections/track?id=${encodeURIComponent(id.value.trim())}&token=${encodeURIComponent(token.value.trim())}`;
    history.replaceState(null, '', url);
    void lookup();
  });
  main.append(h('h1', {}, '异议办理进度查询'), form, result);
  if (id.value && token.value) void lookup();
}
