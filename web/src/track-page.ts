import { api, ApiError } from './api';
import { alertBox, append, field, h, statusBox, type Child } from './dom';
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
  // The case's API path, e.g. /api/v1/objections: a lost code is sent again from `${api}/{id}/resend-code`.
  api: string;
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
  main.append(h('h1', {}, spec.title), form, result, lostCode(spec, id));
  if (id.value && token.value) void lookup();
}

// 忘记查询码: a new code goes to the phone or e-mail given when filing (never to the page), and
// the old one stops working.
function lostCode(spec: TrackPage, id: HTMLInputElement): HTMLElement {
  const contact = h('input', { name: 'contact', required: true, autocomplete: 'tel', maxlength: 100 });
  const error = alertBox();
  const status = statusBox();
  const submit = h('button', { type: 'submit' }, '重新发送查询码');
  const form = h(
    'form',
    { class: 'stack', 'aria-label': '重新发送查询码' },
    h('p', { class: 'hint' }, `填写${spec.id_label}和提交时留下的联系电话或电子邮箱，新的查询码将发送至该联系方式，原查询码随即作废。`),
    field('联系电话或电子邮箱', contact),
    submit,
    error,
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    status.textContent = '';
    if (!/^[0-9]+$/.test(id.value.trim())) {
      error.textContent = `请先在上方填写${spec.id_label}（数字）`;
      id.focus();
      return;
    }
    if (!contact.value.trim()) {
      error.textContent = '请填写提交时留下的联系电话或电子邮箱';
      contact.focus();
      return;
    }
    submit.disabled = true;
    try {
      const r = await api<{ message: string }>('POST', `${spec.api}/${id.value.trim()}/resend-code`, { contact: contact.value.trim() });
      status.textContent = r.message;
    } catch (err) {
      error.textContent = messageOf(err);
    } finally {
      submit.disabled = false;
    }
  });
  return h('details', { class: 'lost-code' }, h('summary', {}, '忘记查询码？'), form);
}
