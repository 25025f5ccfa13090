import { api, ApiError } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { label, MEASURE_GROUP, MEASURE_KIND } from '../../labels';
import { dataTable } from '../../table';
import { type ConsoleContext, forgetMeasureList, measureList, scenarioName } from './context';
import type { Basis, Measure, MeasureList, Memorandum } from './shapes';

export function basisText(b: { document: string; article: string }): string {
  return b.article ? `${b.document}${b.article}` : b.document;
}

// The basis with its mark: a citation nobody has checked against the official text names the
// document only and reads 依据待核实 until the credit office confirms it.
export function basisCell(b: Basis): Array<string | HTMLElement> {
  const text = basisText(b);
  if (b.confirmed !== false) return [text];
  return [text, h('span', { class: 'badge warn', title: '条款尚未与正式文本核对，由信用办核实后显示' }, '依据待核实')];
}

// 措施清单: the measure list by kind and group with each measure's basis, and the memoranda.
export async function measuresSection(panel: HTMLElement, ctx?: ConsoleContext): Promise<void> {
  const root = h('div');
  panel.append(root);
  await renderMeasures(root, ctx, '');
}

async function renderMeasures(panel: HTMLElement, ctx: ConsoleContext | undefined, said: string): Promise<void> {
  const list = await measureList();
  const unconfirmed = list.items.filter((m) => m.basis.confirmed === false);
  const scenario = h(
    'select',
    { name: 'scenario' },
    h('option', { value: '' }, '全部场景'),
    list.scenarios.map((s) => h('option', { value: s.code }, s.name)),
  );
  const body = h('div');
  const show = () => body.replaceChildren(...groups(list, scenario.value));
  scenario.addEventListener('change', show);
  const status = statusBox();
  status.textContent = said;
  panel.append(
    status,
    h('p', { class: 'hint' }, `共 ${list.items.length} 项措施。每项措施均列明法律、法规或政策文件依据；未列入清单的措施不得实施。`),
    h('p', { class: 'hint' }, unconfirmed.length > 0 ? `其中 ${unconfirmed.length} 项的具体条款尚未与正式文本核对，只列文件名称，标为“依据待核实”。` : '各项措施的依据均已与正式文本核对。'),
    h('div', { class: 'filters' }, field('适用场景', scenario)),
    body,
  );
  show();
  if (ctx?.me.role === 'admin' && unconfirmed.length > 0) {
    panel.append(confirmSection(unconfirmed, (code) => {
      forgetMeasureList();
      panel.replaceChildren();
      void renderMeasures(panel, ctx, `措施 ${code} 的依据已确认，核查答复即显示所确认的条款`);
    }));
  }
  if (list.memoranda && list.memoranda.length > 0) panel.append(memoranda(list.memoranda));
}

function groups(list: MeasureList, scenario: string): HTMLElement[] {
  const shown = list.items.filter((m) => !scenario || m.scenarios.includes(scenario) || m.scenarios.includes('*'));
  const out: HTMLElement[] = [];
  for (const kind of ['punishment', 'incentive']) {
    const ofKind = shown.filter((m) => m.kind === kind);
    const groupNos = [...new Set(ofKind.map((m) => m.group))].sort((a, b) => a - b);
    const section = h('section', { class: 'panel', 'aria-labelledby': `kind-${kind}` }, h('h3', { id: `kind-${kind}` }, `${label(MEASURE_KIND, kind)}（${ofKind.length}）`));
    if (ofKind.length === 0) section.append(h('p', { class: 'empty' }, '该场景下没有此类措施'));
    for (const g of groupNos) {
      const rows = ofKind.filter((m) => m.group === g);
      section.append(measureTable(`${MEASURE_GROUP[g] ?? `第${g}类`}${label(MEASURE_KIND, kind)}（${rows.length}）`, rows, list));
    }
    out.push(section);
  }
  return out;
}

function measureTable(caption: string, rows: Measure[], list: MeasureList): HTMLElement {
  return dataTable<Measure>(caption, [
    { header: '编号', cell: (m) => h('span', { class: 'code' }, m.code) },
    { header: '措施', cell: (m) => [m.name, m.binds_responsible_persons ? h('span', { class: 'badge' }, '落实到人') : null] },
    { header: '执行要求', cell: (m) => (m.mandatory ? '必须执行' : '可参考执行'), nowrap: true },
    { header: '依据', cell: (m) => basisCell(m.basis) },
    { header: '实施部门', cell: (m) => m.implementing_departments.join('、') },
    { header: '适用场景', cell: (m) => (m.scenarios.includes('*') ? '全部场景' : m.scenarios.map((s) => scenarioName(list, s)).join('、')) },
  ], rows);
}

function memoranda(items: Memorandum[]): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'memoranda-h' },
    h('h3', { id: 'memoranda-h' }, `合作备忘录（${items.length}）`),
    dataTable<Memorandum>('合作备忘录', [
      { header: '文号', cell: (m) => m.number },
      { header: '名称', cell: (m) => m.name },
      { header: '日期', cell: (m) => m.date ?? '—', nowrap: true },
      { header: '类别', cell: (m) => label(MEASURE_KIND, m.kind) },
      { header: '发起单位', cell: (m) => m.initiators.join('、') },
      { header: '联合签署单位', cell: (m) => m.cosigners.join('、') },
      { header: '涉及措施', cell: (m) => m.measures.join('、') },
    ], items),
  );
}

// 措施依据核实 (admins): confirm a basis against the official text — the article as read, and
// where it was read. Kept as an event; officers then see the article in check answers.
function confirmSection(items: Measure[], done: (code: string) => void): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'confirm-h' },
    h('h3', { id: 'confirm-h' }, `待核实的措施依据（${items.length}）`),
    h('p', { class: 'hint' }, '对照正式文本核实后，填写具体条款（整部文件为依据的可不填）和所用文本的出处；确认记入审计日志。'),
    h('ul', { class: 'brief' }, items.map((m) => confirmItem(m, done))),
  );
}

function confirmItem(m: Measure, done: (code: string) => void): HTMLElement {
  const article = h('input', { name: 'article', maxlength: 200, placeholder: '如：第六十七条' });
  const source = h('input', { name: 'source', required: true, maxlength: 500, placeholder: '如：中国政府网公布的正式文本及网址' });
  const note = h('input', { name: 'note', maxlength: 500 });
  const error = alertBox();
  const button = h('button', { type: 'submit', class: 'small' }, `确认依据 ${m.code}`);
  const form = h('form', { class: 'actions', 'aria-label': `确认措施 ${m.code} 的依据` }, field('条款', article), field('核对所用正式文本', source), field('备注', note), button, error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    button.disabled = true;
    try {
      await api('POST', `/api/v1/measures/${encodeURIComponent(m.code)}/basis-confirmation`, { article: article.value, source: source.value, note: note.value }, true);
      done(m.code);
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : String(err);
      button.disabled = false;
    }
  });
  return h('li', {}, h('strong', {}, `${m.code} ${m.name}`), h('span', { class: 'meta' }, m.basis.document), form);
}
