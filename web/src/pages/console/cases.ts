import { api } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime } from '../../format';
import { label } from '../../labels';
import { actorName, type ConsoleContext } from './context';
import type { TypicalCase } from './shapes';

const CASE_STATUS: Record<string, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '已公开',
  withdrawn: '已撤回',
};

// 典型案例: an admin writes a case (守信 or 失信) citing subjects and their public records and
// list entries and submits it; another admin approves or returns it; any admin withdraws a
// case, which stays on record. Auditors read.
export async function casesSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const admin = ctx.me.role === 'admin';
  const status = statusBox();
  const list = h('ul', { class: 'records' });
  if (admin) panel.append(writeForm());
  panel.append(status, list);

  function ids(text: string): number[] {
    return text
      .split(/[\s,，、]+/)
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
  }

  function writeForm(): HTMLElement {
    const kind = h('select', { name: 'case-kind' }, h('option', { value: 'dishonest' }, '失信案例'), h('option', { value: 'honest' }, '守信案例'));
    const title = h('input', { name: 'case-title', maxlength: 200 });
    const body = h('textarea', { name: 'case-body', rows: 5, maxlength: 8000 });
    const subjects = h('input', { name: 'case-subjects', autocomplete: 'off' });
    const records = h('input', { name: 'case-records', autocomplete: 'off', inputmode: 'numeric' });
    const entries = h('input', { name: 'case-entries', autocomplete: 'off', inputmode: 'numeric' });
    const err = alertBox();
    const save = h('button', { type: 'submit', class: 'primary' }, '保存草稿');
    const form = h(
      'form',
      { class: 'stack', 'aria-label': '撰写典型案例' },
      h('h3', {}, '撰写典型案例'),
      field('类别', kind),
      field('标题', title),
      field('案例内容', body, '自然人请写作“张某”，不得写明身份证号'),
      field('涉及主体', subjects, '统一社会信用代码，多个用逗号分隔'),
      field('引用的公示记录编号', records, '可选，多个用逗号分隔'),
      field('引用的名单条目编号', entries, '可选，多个用逗号分隔'),
      err,
      save,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      err.textContent = '';
      try {
        await api(
          'POST',
          '/api/v1/cases',
          {
            kind: kind.value,
            title: title.value.trim(),
            body: body.value.trim(),
            subjects: subjects.value.split(/[\s,，、]+/).filter(Boolean),
            records: ids(records.value),
            list_entries: ids(entries.value),
          },
          true,
        );
        form.reset();
        status.textContent = '草稿已保存';
        await load();
      } catch (x) {
        err.textContent = (x as Error).message;
      }
    });
    return form;
  }

  async function load(): Promise<void> {
    let items: TypicalCase[];
    try {
      items = (await api<{ items: TypicalCase[] }>('GET', '/api/v1/cases', undefined, true)).items;
    } catch (e) {
      status.textContent = (e as Error).message;
      return;
    }
    list.replaceChildren(...items.map((c) => card(c)));
    if (items.length === 0) list.append(h('li', { class: 'empty' }, '暂无典型案例'));
  }

  function card(c: TypicalCase): HTMLElement {
    const mine = c.author === ctx.me.actor;
    const err = alertBox();
    const actions: HTMLElement[] = [];
    const button = (text: string, verb: string, body: () => object | null, done: string): HTMLElement => {
      const b = h('button', { type: 'button' }, `${text} ${c.id}`);
      b.addEventListener('click', () => {
        const payload = body();
        if (payload) void act(c.id, verb, payload, err, done);
      });
      return b;
    };
    if (admin && mine && c.status === 'draft') actions.push(button('提交审核', 'submit', () => ({}), '已提交审核'));
    if (admin && !mine && c.status === 'pending_review') {
      const reason = h('input', { name: `return-${c.id}`, maxlength: 2000 });
      actions.push(
        button('审核通过', 'approve', () => ({}), '已公开'),
        field('退回理由', reason),
        button('退回修改', 'return', () => {
          if (!reason.value.trim()) {
            err.textContent = '退回须说明理由';
            reason.focus();
            return null;
          }
          return { reason: reason.value.trim() };
        }, '已退回'),
      );
    }
    if (admin && c.status !== 'withdrawn') {
      const reason = h('input', { name: `withdraw-${c.id}`, maxlength: 2000 });
      actions.push(
        field('撤回理由', reason),
        button('撤回', 'withdraw', () => {
          if (!reason.value.trim()) {
            err.textContent = '撤回须说明理由';
            reason.focus();
            return null;
          }
          return { reason: reason.value.trim() };
        }, '已撤回'),
      );
    }
    return h(
      'li',
      { class: 'record', 'data-case': String(c.id) },
      h('h3', {}, `案例 ${c.id}：${c.title}`, ' ', h('span', { class: 'badge' }, label(CASE_STATUS, c.status)), ' ', h('span', { class: 'badge' }, c.kind_label)),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '内容'),
        h('dd', { class: 'prewrap' }, c.body),
        h('dt', {}, '撰写人'),
        h('dd', {}, actorName(c.author)),
        c.reviewer ? [h('dt', {}, '审核人'), h('dd', {}, `${actorName(c.reviewer)}${c.review_note ? `：${c.review_note}` : ''}`)] : null,
        c.published_at ? [h('dt', {}, '公开'), h('dd', {}, `${chinaTime(c.published_at)} 至 ${c.display_until ?? ''}${c.status === 'published' && !c.shown ? '（引用的信息已不再公开，案例已下线）' : ''}`)] : null,
        c.withdrawn_at ? [h('dt', {}, '撤回'), h('dd', {}, `${chinaTime(c.withdrawn_at)}：${c.withdraw_reason ?? ''}`)] : null,
      ),
      actions.length ? h('div', { class: 'actions' }, actions) : null,
      err,
    );
  }

  async function act(id: number, verb: string, body: object, err: HTMLElement, done: string): Promise<void> {
    err.textContent = '';
    try {
      await api('POST', `/api/v1/cases/${id}/${verb}`, body, true);
      status.textContent = `案例 ${id} ${done}`;
      await load();
    } catch (e) {
      err.textContent = (e as Error).message;
    }
  }
  await load();
}
