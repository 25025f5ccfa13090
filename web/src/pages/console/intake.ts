import { api, download, query, saveBlob, upload } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime } from '../../format';
import { label, ROW_ERROR } from '../../labels';
import { dataTable, Pager } from '../../table';
import { catalogueItems, fieldName, type ConsoleContext } from './context';
import type { Batch, CatalogueField, CatalogueItem, IntakeSummary, Page, RowError } from './shapes';

// 数据上报: a department's submitter uploads a file of one catalogue item, reads the rows that
// were sent back with the reasons, fixes the file and uploads it again.
export async function intakeSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const items = await catalogueItems();
  const item = h('select', { name: 'item', required: true }, items.map((i) => h('option', { value: i.code }, `${i.name}（${i.code}）`)));
  const file = h('input', { name: 'file', type: 'file', required: true, accept: '.csv,.xlsx,.jsonl,.json,.txt' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '上传');
  const error = alertBox();
  const status = statusBox();
  // The chosen item's columns, and a blank template with them.
  const columns = h('div');
  const showColumns = () => columns.replaceChildren(...fieldsOf(items.find((i) => i.code === item.value)));
  item.addEventListener('change', showColumns);
  showColumns();
  const form = h(
    'form',
    { class: 'stack', 'aria-labelledby': 'upload-h' },
    h('h3', { id: 'upload-h' }, '上传数据文件'),
    ctx.own ? h('p', { class: 'hint' }, `报送部门：${ctx.own.name}`) : null,
    field('信息项', item),
    columns,
    field(
      '数据文件',
      file,
      '支持 CSV（UTF-8 或 GBK 编码）、Excel（.xlsx）和 JSON Lines 文件；第一行为表头，可用字段代码（如 CF_WSH）或中文名称（如 决定书文号）。',
    ),
    error,
    submit,
    status,
  );
  const result = h('div', { class: 'upload-result' });
  panel.append(h('div', { class: 'panel' }, form, result));

  const history = h('div');
  const pager = new Pager<Batch>(
    '上报记录翻页',
    async (before) => {
      const page = await api<Page<Batch>>('GET', `/api/v1/batches${query({ before, limit: 10 })}`, undefined, true);
      return { items: page.items, next: page.next_before };
    },
    (batches) => history.replaceChildren(batchTable(batches, items)),
  );
  panel.append(h('section', { class: 'panel', 'aria-labelledby': 'batches-h' }, h('h3', { id: 'batches-h' }, '上报记录'), history, pager.element));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const chosen = file.files?.[0];
    if (!chosen) {
      error.textContent = '请选择要上传的文件';
      file.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = `正在上传 ${chosen.name}…`;
    try {
      const path = `/api/v1/batches${query({ item: item.value, file_name: chosen.name })}`;
      const summary = await upload<IntakeSummary>(path, chosen);
      status.textContent = summaryText(summary);
      result.replaceChildren(summaryView(summary, item.value, items));
      void pager.first();
    } catch (err) {
      status.textContent = '';
      error.textContent = (err as Error).message;
    } finally {
      submit.disabled = false;
    }
  });
  await pager.first();
}

function fieldsOf(item: CatalogueItem | undefined): HTMLElement[] {
  if (!item || item.fields.length === 0) return [];
  const template = h('button', { type: 'button', class: 'small' }, `下载“${item.name}”空白模板`);
  template.addEventListener('click', () => {
    // UTF-8 with a byte order mark, so that Excel reads the Chinese headings.
    const header = item.fields.map((f) => (/[",]/.test(f.name) ? `"${f.name.replaceAll('"', '""')}"` : f.name)).join(',');
    saveBlob(new Blob(['\uFEFF' + header + '\r\n'], { type: 'text/csv;charset=utf-8' }), `${item.name}模板.csv`);
  });
  const details = h(
    'details',
    { class: 'columns' },
    h('summary', {}, `“${item.name}”的字段（${item.fields.length} 个，必填 ${item.fields.filter((f) => f.required).length} 个）`),
    dataTable<CatalogueField>(`${item.name}的字段`, [
      { header: '字段代码', cell: (f) => h('span', { class: 'code' }, f.code) },
      { header: '中文名称', cell: (f) => f.name },
      { header: '必填', cell: (f) => (f.required ? '必填' : '视情况'), nowrap: true },
    ], item.fields),
    h('p', { class: 'hint' }, '“视情况”的字段在一定条件下必填，例如处罚类别含“罚款”时须填写罚款金额。'),
    template,
  );
  return [details];
}

function summaryText(s: IntakeSummary): string {
  return `批次 ${s.batch_id} 已处理：接收 ${s.accepted} 行，未变化 ${s.unchanged} 行，退回 ${s.rejected} 行。`;
}

function summaryView(s: IntakeSummary, itemCode: string, items: CatalogueItem[]): HTMLElement {
  const box = h(
    'section',
    { class: 'result-box', 'aria-labelledby': 'result-h' },
    h('h3', { id: 'result-h' }, `批次 ${s.batch_id} 的处理结果`),
    h(
      'dl',
      { class: 'counts' },
      count('接收', s.accepted, 'accepted'),
      count('未变化', s.unchanged, 'unchanged'),
      count('退回', s.rejected, 'rejected'),
    ),
    h('p', { class: 'hint' }, `文件编码：${s.encoding}。“未变化”是此前已上报且内容相同的行，不会重复登记。`),
    s.notes && s.notes.length > 0
      ? h('ul', { class: 'notes', 'data-testid': 'intake-notes', 'aria-label': '读取说明' }, s.notes.map((n) => h('li', {}, n)))
      : null,
  );
  if (s.rejected > 0 || s.errors.length > 0) {
    const err = alertBox();
    const excel = h('button', { type: 'button' }, '下载退回数据（Excel）');
    excel.addEventListener('click', () => void saveErrors(s.batch_id, 'xlsx', err));
    const csv = h('button', { type: 'button' }, '下载退回数据（CSV）');
    csv.addEventListener('click', () => void saveErrors(s.batch_id, 'csv', err));
    box.append(
      h(
        'p',
        {},
        `有 ${s.rejected} 行被退回。退回数据是被退回的各行原样加上“退回原因”和“原行号”两列：在表格软件中逐行修改后直接上传即可（这两列不作为数据读取）。也可修改原文件后整个重新上传，已接收的行显示为“未变化”。`,
      ),
      errorTable(s.errors, itemCode, items),
      h('div', { class: 'actions' }, excel, csv),
      err,
    );
  }
  return box;
}

function count(name: string, n: number, kind: string): HTMLElement[] {
  return [h('dt', {}, name), h('dd', { 'data-count': kind }, `${n} 行`)];
}

function errorTable(errors: RowError[], itemCode: string, items: CatalogueItem[]): HTMLElement {
  return dataTable<RowError>('退回行的错误', [
    { header: '行号', cell: (e) => String(e.row), numeric: true },
    {
      header: '字段',
      cell: (e) => {
        const name = fieldName(items, itemCode, e.field);
        return [h('span', { class: 'code' }, e.field), name ? ` ${name}` : null];
      },
    },
    { header: '错误类型', cell: (e) => label(ROW_ERROR, e.code), nowrap: true },
    { header: '说明', cell: (e) => e.message },
  ], errors);
}

// The rejected rows as sent, with their reasons: an .xlsx keeps identity numbers and codes as
// text when opened in a spreadsheet program; the CSV is for other tools.
async function saveErrors(batchId: number, format: 'xlsx' | 'csv', err: HTMLElement): Promise<void> {
  err.textContent = '';
  try {
    await download(`/api/v1/batches/${batchId}/rejections?format=${format}`, `batch-${batchId}-rejected.${format}`);
  } catch (e) {
    err.textContent = (e as Error).message;
  }
}

function batchTable(batches: Batch[], items: CatalogueItem[]): HTMLElement {
  const itemName = (code: string) => items.find((i) => i.code === code)?.name ?? code;
  return dataTable<Batch>('最近上报的批次', [
    { header: '批次', cell: (b) => String(b.id), numeric: true },
    { header: '信息项', cell: (b) => itemName(b.item) },
    { header: '文件', cell: (b) => b.file_name || '（接口报送）' },
    { header: '接收', cell: (b) => String(b.accepted), numeric: true },
    { header: '未变化', cell: (b) => String(b.unchanged), numeric: true },
    { header: '退回', cell: (b) => String(b.rejected), numeric: true },
    { header: '上报时间', cell: (b) => chinaTime(b.received_at), nowrap: true },
    {
      header: '错误清单',
      cell: (b) => {
        if (b.rejected === 0) return '—';
        const err = alertBox();
        const button = h('button', { type: 'button', class: 'small', 'aria-label': `下载批次 ${b.id} 的退回数据` }, '下载');
        button.addEventListener('click', () => void saveErrors(b.id, 'xlsx', err));
        return [button, err];
      },
    },
  ], batches, '暂无上报记录');
}
