import { ApiError } from './api';
import { alertBox, append, field, h, type Child } from './dom';
import { messageOf } from './format';
import { withQuery } from './pager';

// What differs between the pages where a filer follows a case with its number and token
// (异议 at /objections/track, 信用修复 at /repairs/track).
export interface TrackPage {
  path: string; // the page's own path, kept in the address with id and token
  title: string; // the h1
  form_label: string;
  id_label: string; // e.g. 异议编号
  token_hint: string;
  // Reads the case and returns what to show; a 404 means a wrong number or token.
  show: (id: string, token: string) => Promise<Child[]>;
}

// The form (number, token), its checks, the address kept in step, and the answer or the error.
export function trackPage(spec: TrackPage, main: HTMLElement, query: URLSearchParams): void {
  const id = h('input', { name: 'id', inputmode: 'numeric', required: true, pattern: '[0-9]+', autocomplete: 'off', value: query.get('id') ?? '' });
  const token = h('input', { name: 'token', required: true, autocomplete: 'off', spellcheck: 'false', value: query.get('token') ?? '' });
  const error = alertBox();
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'stack', 'aria-label': spec.form_label },
    field(spec.id_label, id),
    field('查询码', token, spec.token_hint),
    h('button', { type: 'submit', class: 'primary' }, '查询进度'),
    error,
  );
  async function lookup(): Promise<void> {
    error.textContent = '';
    result.replaceChildren();
    if (!/^[0-9]+$/.test(id.value.trim()) || token.value.trim() === '') {
      error.textContent = `请填写${spec.id_label}（数字）和查询码`;
      return;
    }
    try {
      const shown = await spec.show(id.value.trim(), token.value.trim());
      result.replaceChildren();
      append(result, [h('h2', {}, '办理进度'), shown]);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 404 ? `${spec.id_label}或查询码不正确` : messageOf(e);
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', withQuery(spec.path, { id: id.value.trim(), token: token.value.trim() }));
    void lookup();
  });
  main.append(h('h1', {}, spec.title), form, result);
  if (id.value && token.value) void lookup();
}
