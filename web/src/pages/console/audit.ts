import { api, query } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime } from '../../format';
import { EVENT_TYPE } from '../../labels';
import { dataTable, Pager } from '../../table';
import type { EventItem, VerifyReport } from './shapes';

const PAGE = 50;

// 审计日志: the event log, filtered by the server (type, actor, dates), page by page, and the
// verification of its hash chain.
export async function auditSection(panel: HTMLElement): Promise<void> {
  const type = h('input', { name: 'type', list: 'event-types', autocomplete: 'off', spellcheck: 'false' });
  const types = h('datalist', { id: 'event-types' }, Object.entries(EVENT_TYPE).map(([code, name]) => h('option', { value: code }, name)));
  const actor = h('input', { name: 'actor', autocomplete: 'off', spellcheck: 'false' });
  const from = h('input', { name: 'from', type: 'date' });
  const to = h('input', { name: 'to', type: 'date' });
  const error = alertBox();
  const filters = h(
    'form',
    { class: 'filters', 'aria-label': '筛选事件' },
    field('事件类型', type, '如 record.revoked；留空为全部'),
    types,
    field('操作人', actor, '如 user:alice、apikey:xy_1a2b3c4d、system'),
    field('起始日期', from),
    field('截止日期', to),
    h('button', { type: 'submit' }, '查询'),
  );
  const list = h('div');
  const pager = new Pager<EventItem>(
    '审计日志翻页',
    async (after) => {
      const path = `/api/v1/events${query({
        after: after ?? 0,
        limit: PAGE,
        type: type.value.trim(),
        actor: actor.value.trim(),
        from: from.value,
        to: to.value,
      })}`;
      const page = await api<{ items: EventItem[]; next_after?: number | null }>('GET', path, undefined, true);
      // A short page is the last one.
      const next = page.items.length === PAGE && page.next_after !== undefined ? page.next_after : null;
      return { items: page.items, next };
    },
    (events) => list.replaceChildren(eventTable(events, filterText())),
  );
  // The filter of the page shown, in words, for the table's caption.
  let shown = '';
  const filterText = () => shown;
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    if (from.value && to.value && from.value > to.value) {
      error.textContent = '起始日期不能晚于截止日期';
      return;
    }
    const parts = [
      type.value.trim() && `类型 ${type.value.trim()}`,
      actor.value.trim() && `操作人 ${actor.value.trim()}`,
      (from.value || to.value) && `${from.value || '最早'} 至 ${to.value || '今天'}`,
    ].filter(Boolean);
    shown = parts.join('，');
    void pager.first();
  });
  panel.append(verifyBox(), h('section', { class: 'panel', 'aria-labelledby': 'events-h' }, h('h3', { id: 'events-h' }, '事件'), filters, error, list, pager.element));
  await pager.first();
}

function eventTable(events: EventItem[], filter: string): HTMLElement {
  return dataTable<EventItem>(filter ? `事件（${filter}）` : '全部事件（按序号）', [
    { header: '序号', cell: (e) => String(e.seq), numeric: true },
    { header: '时间', cell: (e) => chinaTime(e.at), nowrap: true },
    { header: '操作人', cell: (e) => h('span', { class: 'code' }, e.actor) },
    { header: '事件', cell: (e) => [EVENT_TYPE[e.type] ?? '', h('br'), h('span', { class: 'code' }, e.type)] },
    { header: '对象', cell: (e) => h('span', { class: 'code' }, e.entity) },
    { header: '内容', cell: (e) => h('code', { class: 'payload' }, typeof e.payload === 'string' ? e.payload : JSON.stringify(e.payload)) },
  ], events, '没有符合条件的事件');
}

function verifyBox(): HTMLElement {
  const button = h('button', { type: 'button', class: 'primary' }, '校验日志链');
  const status = statusBox();
  const error = alertBox();
  button.addEventListener('click', async () => {
    status.textContent = '正在校验…';
    error.textContent = '';
    button.disabled = true;
    try {
      const r = await api<VerifyReport>('GET', '/api/v1/audit/verify', undefined, true);
      status.textContent = r.ok ? `校验通过：共 ${r.count} 条事件，日志链完整，未被篡改。` : '';
      if (!r.ok) error.textContent = `校验未通过：第 ${r.fault_seq ?? '?'} 条事件处链条断开（${r.reason ?? ''}），共检查 ${r.count} 条。`;
    } catch (e) {
      status.textContent = '';
      error.textContent = (e as Error).message;
    } finally {
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'verify-h' },
    h('h3', { id: 'verify-h' }, '日志链校验'),
    h('p', { class: 'hint' }, '每条事件都记录了上一条事件的哈希值；校验逐条重新计算，确认日志没有被删改。'),
    button,
    status,
    error,
  );
}
