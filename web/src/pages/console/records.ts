import { api, query } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime, period } from '../../format';
import { DISCLOSURE, label, NATURE, RECORD_FIELDS, RECORD_STATUS } from '../../labels';
import { dataTable, Pager } from '../../table';
import { catalogueItems, departmentName, fieldName, type ConsoleContext } from './context';
import type { CatalogueItem, Page, RecordDetail, RecordListItem, RecordVersion } from './shapes';

// 数据记录: the records of the department (all departments for the office and auditors), and one
// record with every version at ?id=N, where it can be revoked.
export async function recordsSection(panel: HTMLElement, ctx: ConsoleContext, q: URLSearchParams): Promise<void> {
  const items = await catalogueItems();
  const id = q.get('id');
  if (id) {
    const body = h('div');
    panel.append(h('p', {}, h('a', { href: '/console/records', 'data-link': true }, '返回数据记录')), body);
    return recordDetail(body, ctx, id, items);
  }

  const item = h('select', { name: 'item' }, h('option', { value: '' }, '全部'), items.map((i) => h('option', { value: i.code }, i.name)));
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, '全部'),
    h('option', { value: 'active' }, '有效'),
    h('option', { value: 'revoked' }, '已撤销'),
  );
  const allDepartments = ctx.me.role === 'admin' || ctx.me.role === 'auditor';
  const department = h(
    'select',
    { name: 'department' },
    h('option', { value: '' }, '全部部门'),
    ctx.departments.map((d) => h('option', { value: d.code }, d.name)),
  );
  const form = h(
    'form',
    { class: 'filters', 'aria-label': '筛选数据记录' },
    field('信息项', item),
    field('状态', status),
    allDepartments ? field('报送部门', department) : null,
    h('button', { type: 'submit' }, '筛选'),
  );
  const list = h('div');
  const pager = new Pager<RecordListItem>(
    '数据记录翻页',
    async (before) => {
      const path = `/api/v1/records${query({
        item: item.value,
        status: status.value,
        department: allDepartments ? department.value : null,
        before,
        limit: 20,
      })}`;
      const page = await api<Page<RecordListItem>>('GET', path, undefined, true);
      return { items: page.items, next: page.next_before };
    },
    (records) => list.replaceChildren(recordTable(records)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void pager.first();
  });
  panel.append(h('div', { class: 'panel' }, form, list, pager.element));
  await pager.first();
}

function recordTable(records: RecordListItem[]): HTMLElement {
  return dataTable<RecordListItem>('数据记录（新报送的在前）', [
    { header: '编号', cell: (r) => h('a', { href: `/console/records?id=${r.id}`, 'data-link': true, 'aria-label': `查看记录 ${r.id}` }, String(r.id)) },
    { header: '信息项', cell: (r) => r.item_name || r.item, nowrap: true },
    { header: '主体', cell: (r) => [r.subject.name, h('br'), h('span', { class: 'code' }, r.subject.code)] },
    { header: '来源编号', cell: (r) => r.source_key },
    { header: '决定日期', cell: (r) => r.decision_date, nowrap: true },
    { header: '报送部门', cell: (r) => r.department.name },
    { header: '状态', cell: (r) => label(RECORD_STATUS, r.status), nowrap: true },
    { header: '版本', cell: (r) => String(r.version), numeric: true },
    { header: '公示期', cell: (r) => (r.display.published ? period(r.display.from, r.display.until) : '不公示') },
    { header: '接收时间', cell: (r) => chinaTime(r.received_at), nowrap: true },
  ], records, '没有符合条件的记录');
}

// The Chinese name of a field: from the catalogue, else the names the public pages use.
function fieldLabel(items: CatalogueItem[], item: string, code: string): string {
  return fieldName(items, item, code) ?? RECORD_FIELDS.find(([c]) => c === code)?.[1] ?? code;
}

async function recordDetail(panel: HTMLElement, ctx: ConsoleContext, id: string, items: CatalogueItem[], notice = ''): Promise<void> {
  const r = await api<RecordDetail>('GET', `/api/v1/records/${encodeURIComponent(id)}`, undefined, true);
  const itemName = items.find((i) => i.code === r.item)?.name ?? r.item;
  const latest = r.versions[r.versions.length - 1];
  const subject = latest ? String(latest.fields[subjectField(r.item)] ?? '') : '';
  const done = statusBox();
  panel.replaceChildren(
    done,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'record-h' },
      h('h3', { id: 'record-h' }, `记录 ${r.id}：${itemName}`, h('span', { class: r.status === 'revoked' ? 'badge danger' : 'badge' }, label(RECORD_STATUS, r.status))),
      h(
        'dl',
        { class: 'facts' },
        subject ? [h('dt', {}, '主体'), h('dd', {}, subject)] : null,
        h('dt', {}, '来源编号'),
        h('dd', {}, r.source_key),
        h('dt', {}, '决定日期'),
        h('dd', {}, r.decision_date),
        h('dt', {}, '信用性质'),
        h('dd', {}, label(NATURE, r.nature)),
        h('dt', {}, '公开范围'),
        h('dd', {}, label(DISCLOSURE, r.disclosure)),
        h('dt', {}, '公示期'),
        h('dd', {}, r.display.published ? period(r.display.from, r.display.until) : '不公示'),
        r.display.reason ? [h('dt', {}, '公示规则'), h('dd', {}, r.display.reason)] : null,
        h('dt', {}, '报送部门'),
        h('dd', {}, departmentName(ctx, r.department_id)),
        h('dt', {}, '首次接收'),
        h('dd', {}, chinaTime(r.received_at)),
        r.revoked_at ? [h('dt', {}, '撤销时间'), h('dd', {}, chinaTime(r.revoked_at)), h('dt', {}, '撤销理由'), h('dd', {}, r.revoke_reason ?? '')] : null,
      ),
    ),
  );
  done.textContent = notice;
  const canRevoke = r.status === 'active' && (ctx.me.role === 'admin' || (ctx.me.role === 'operator' && r.department_id === ctx.me.department_id));
  if (canRevoke) panel.append(revokeForm(r.id, () => recordDetail(panel, ctx, id, items, `记录 ${r.id} 已撤销`)));
  panel.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'versions-h' },
      h('h3', { id: 'versions-h' }, `全部版本（${r.versions.length}）`),
      h('ol', { class: 'records versions' }, [...r.versions].reverse().map((v) => versionCard(v, r.item, items))),
    ),
  );
}

function subjectField(item: string): string {
  return item === 'SX' ? 'SX_BZXR_MC' : `${item}_XDR_MC`;
}

function versionCard(v: RecordVersion, item: string, items: CatalogueItem[]): HTMLElement {
  // In the catalogue's order of the item's fields; codes it does not know last.
  const order = items.find((i) => i.code === item)?.fields.map((f) => f.code) ?? [];
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  const fields = Object.entries(v.fields)
    .filter(([, value]) => value !== null && value !== '')
    .sort(([a], [b]) => rank(a) - rank(b));
  return h(
    'li',
    { class: 'record' },
    h('h4', {}, `第 ${v.version} 版`, v.late ? h('span', { class: 'badge danger' }, '超期报送') : null),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '接收时间'),
      h('dd', {}, chinaTime(v.received_at)),
      h('dt', {}, '来源'),
      h('dd', {}, v.batch_id ? `批次 ${v.batch_id} 第 ${v.row} 行` : `接口报送第 ${v.row} 行`),
      h('dt', {}, '报送用时'),
      h('dd', {}, v.working_days === null ? '—' : `决定后第 ${v.working_days} 个工作日`),
      fields.map(([code, value]) => [h('dt', {}, fieldLabel(items, item, code)), h('dd', {}, String(value))]),
    ),
  );
}

function revokeForm(id: number, revoked: () => Promise<void>): HTMLElement {
  const reason = h('textarea', { name: 'reason', rows: 3, required: true, maxlength: 500 });
  const error = alertBox();
  const submit = h('button', { type: 'submit', class: 'primary' }, '撤销记录');
  const form = h(
    'form',
    { class: 'panel stack', 'aria-labelledby': 'revoke-h' },
    h('h3', { id: 'revoke-h' }, '撤销记录'),
    h('p', { class: 'hint' }, '撤销后该记录不再公示，历次版本仍予保留。'),
    field('撤销理由', reason),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!reason.value.trim()) {
      error.textContent = '请填写撤销理由';
      reason.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api('POST', `/api/v1/records/${id}/revoke`, { reason: reason.value.trim() }, true);
      await revoked();
    } catch (err) {
      error.textContent = (err as Error).message;
      submit.disabled = false;
    }
  });
  return form;
}
