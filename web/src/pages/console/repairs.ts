import { api, ApiError } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime, due } from '../../format';
import { label } from '../../labels';
import type { Repair } from '../../public-types';
import { REPAIR_STATUS } from '../repair-track';
import type { ConsoleContext } from './context';

// 信用修复: the applications the credit office reviews within their time limit — approved (the
// record leaves public view, the entry exits) or refused with a reason; auditors read them.
export async function repairsSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const canAct = ctx.me.role === 'admin';
  const status = statusBox();
  const filter = h(
    'select',
    { name: 'status' },
    h('option', { value: 'submitted' }, '待审核'),
    h('option', { value: '' }, '全部'),
  );
  const list = h('ul', { class: 'records', 'aria-live': 'polite' });
  panel.append(field('申请状态', filter), status, list);
  filter.addEventListener('change', () => void load());

  async function load(): Promise<void> {
    let items: Repair[];
    try {
      const q = filter.value ? `?status=${filter.value}` : '';
      items = (await api<{ items: Repair[] }>('GET', `/api/v1/repairs${q}`, undefined, true)).items;
    } catch (e) {
      status.textContent = (e as Error).message;
      return;
    }
    list.replaceChildren(
      ...(items.length === 0 ? [h('li', { class: 'empty' }, filter.value ? '暂无待审核的信用修复申请' : '暂无信用修复申请')] : items.map(card)),
    );
  }

  function card(r: Repair): HTMLElement {
    const li = h(
      'li',
      { class: 'record', 'data-repair': String(r.id) },
      h('h3', {}, `信用修复申请 ${r.id}`, h('span', { class: 'badge' }, label(REPAIR_STATUS, r.status))),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '申请人'),
        h('dd', {}, r.applicant),
        h('dt', {}, '修复对象'),
        h('dd', {}, `${r.target.kind === 'record' ? '公示记录' : '名单条目'} ${r.target.id}`),
        h('dt', {}, '提交时间'),
        h('dd', {}, chinaTime(r.submitted_at)),
        h('dt', {}, '审核期限'),
        h('dd', {}, due(r.review_due, 'review_due', r.provisional_dates)),
        r.decision_note ? [h('dt', {}, '审核意见'), h('dd', {}, r.decision_note)] : null,
      ),
    );
    if (canAct && r.status === 'submitted') {
      const note = h('input', { name: `repair-note-${r.id}`, maxlength: 2000 });
      const approve = h('button', { type: 'button', class: 'primary' }, `通过修复申请 ${r.id}`);
      const refuse = h('button', { type: 'button' }, `不予修复申请 ${r.id}`);
      const err = alertBox();
      approve.addEventListener('click', () => void act(r.id, 'approve', { note: note.value.trim() }, err));
      refuse.addEventListener('click', () => {
        if (!note.value.trim()) {
          err.textContent = '不予修复须填写理由';
          note.focus();
          return;
        }
        void act(r.id, 'refuse', { reason: note.value.trim() }, err);
      });
      li.append(h('div', { class: 'actions' }, field('审核意见（不予修复时必填）', note), approve, refuse, err));
    }
    return li;
  }

  async function act(id: number, verb: 'approve' | 'refuse', body: object, err: HTMLElement): Promise<void> {
    err.textContent = '';
    try {
      await api('POST', `/api/v1/repairs/${id}/${verb}`, body, true);
      status.textContent = verb === 'approve' ? `信用修复申请 ${id} 已通过` : `信用修复申请 ${id} 已不予修复`;
      await load();
    } catch (e) {
      err.textContent = e instanceof ApiError ? e.message : String(e);
    }
  }

  await load();
}
