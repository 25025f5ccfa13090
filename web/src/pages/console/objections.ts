import { api, type Objection } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { due } from '../../format';
import { label, OBJECTION_STATUS } from '../../labels';
import type { ConsoleContext } from './context';

// 异议受理: the objections the credit office accepts or refuses (auditors read them).
export async function objectionsSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const canAct = ctx.me.role === 'admin';
  const status = statusBox();
  panel.append(status);
  const list = h('ul', { class: 'records' });
  panel.append(list);
  async function load(): Promise<void> {
    let items: Objection[];
    try {
      items = (await api<{ items: Objection[] }>('GET', '/api/v1/objections', undefined, true)).items;
    } catch (e) {
      status.textContent = (e as Error).message;
      return;
    }
    list.replaceChildren(...items.map((o) => card(o)));
    if (items.length === 0) list.append(h('li', { class: 'empty' }, '暂无异议'));
  }
  function card(o: Objection): HTMLElement {
    const li = h(
      'li',
      { class: 'record', 'data-objection': String(o.id) },
      h('h3', {}, `异议 ${o.id}`, h('span', { class: 'badge' }, label(OBJECTION_STATUS, o.status))),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '对象'),
        h('dd', {}, `${o.target.kind === 'record' ? '公示记录' : '名单'} ${o.target.id}`),
        h('dt', {}, '提出人'),
        h('dd', {}, o.filer.name),
        h('dt', {}, '理由'),
        h('dd', {}, o.reasons),
        h('dt', {}, '受理期限'),
        h('dd', {}, due(o.accept_due, 'accept_due', o.provisional_dates)),
      ),
    );
    if (canAct && o.status === 'submitted') {
      const reason = h('input', { name: `refuse-${o.id}`, maxlength: 500 });
      const accept = h('button', { type: 'button', class: 'primary' }, `受理异议 ${o.id}`);
      const refuse = h('button', { type: 'button' }, `不予受理异议 ${o.id}`);
      const err = alertBox();
      accept.addEventListener('click', () => act(o.id, 'accept', {}, err));
      refuse.addEventListener('click', () => {
        if (!reason.value.trim()) {
          err.textContent = '不予受理须填写理由';
          reason.focus();
          return;
        }
        void act(o.id, 'refuse', { reason: reason.value.trim() }, err);
      });
      li.append(h('div', { class: 'actions' }, accept, field('不予受理理由', reason), refuse, err));
    }
    return li;
  }
  async function act(id: number, verb: string, body: object, err: HTMLElement): Promise<void> {
    err.textContent = '';
    try {
      await api('POST', `/api/v1/objections/${id}/${verb}`, body, true);
      status.textContent = verb === 'accept' ? `异议 ${id} 已受理` : `异议 ${id} 已不予受理`;
      await load();
    } catch (e) {
      err.textContent = (e as Error).message;
    }
  }
  await load();
}
