import { api, ApiError } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime } from '../../format';
import type { ConsoleContext } from './context';

interface Announcement {
  id: number;
  title: string;
  body: string;
  published_at: string;
  author?: string;
  withdrawn_at?: string | null;
  withdraw_reason?: string | null;
}

// 通知公告: the credit office publishes notices on the public home page and withdraws them
// (with a reason, kept on record).
export async function announcementsSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const canEdit = ctx.me.role === 'admin';
  const list = h('div', { 'aria-live': 'polite' });
  const status = statusBox();
  const load = async (): Promise<void> => {
    const { items } = await api<{ items: Announcement[] }>('GET', '/api/v1/announcements?all=true&limit=50', undefined, true);
    list.replaceChildren(items.length === 0 ? h('p', { class: 'empty' }, '尚未发布通知公告') : h('ul', { class: 'brief' }, items.map((a) => item(a, canEdit, status, load))));
  };
  if (canEdit) panel.append(publishForm(status, load));
  panel.append(status, h('h3', {}, '已发布的通知公告'), list);
  await load();
}

function publishForm(status: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const title = h('input', { name: 'title', required: true, maxlength: 100 });
  const body = h('textarea', { name: 'body', required: true, rows: 5, maxlength: 5000 });
  const error = alertBox();
  const submit = h('button', { type: 'submit', class: 'primary' }, '发布公告');
  const form = h('form', { class: 'stack', 'aria-label': '发布通知公告' }, field('公告标题', title), field('公告正文', body), error, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const a = await api<Announcement>('POST', '/api/v1/announcements', { title: title.value, body: body.value }, true);
      status.textContent = `公告“${a.title}”已发布`;
      form.reset();
      await reload();
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : String(err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function item(a: Announcement, canEdit: boolean, status: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const meta = `${chinaTime(a.published_at)} 发布${a.withdrawn_at ? `；${chinaTime(a.withdrawn_at)} 撤下：${a.withdraw_reason ?? ''}` : ''}`;
  const li = h('li', {}, h('strong', {}, a.title), h('span', { class: 'meta' }, meta), h('p', { class: 'announcement-body' }, a.body));
  if (canEdit && !a.withdrawn_at) {
    const reason = h('input', { name: 'reason', required: true });
    const error = alertBox();
    const button = h('button', { type: 'submit', class: 'small' }, `撤下公告 ${a.id}`);
    const form = h('form', { class: 'actions', 'aria-label': `撤下公告 ${a.title}` }, field('撤下理由', reason), button, error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      button.disabled = true;
      try {
        await api('POST', `/api/v1/announcements/${a.id}/withdraw`, { reason: reason.value }, true);
        status.textContent = `公告“${a.title}”已撤下`;
        await reload();
      } catch (err) {
        error.textContent = err instanceof ApiError ? err.message : String(err);
        button.disabled = false;
      }
    });
    li.append(form);
  }
  return li;
}
