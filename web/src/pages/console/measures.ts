import { field, h } from '../../dom';
import { label, MEASURE_GROUP, MEASURE_KIND } from '../../labels';
import { dataTable } from '../../table';
import { measureList, scenarioName } from './context';
import type { Measure, MeasureList, Memorandum } from './shapes';

export function basisText(b: { document: string; article: string }): string {
  return b.article ? `${b.document}${b.article}` : b.document;
}

// 措施清单: the measure list by kind and group with each measure's basis, and the memoranda.
export async function measuresSection(panel: HTMLElement): Promise<void> {
  const list = await measureList();
  const scenario = h(
    'select',
    { name: 'scenario' },
    h('option', { value: '' }, '全部场景'),
    list.scenarios.map((s) => h('option', { value: s.code }, s.name)),
  );
  const body = h('div');
  const show = () => body.replaceChildren(...groups(list, scenario.value));
  scenario.addEventListener('change', show);
  panel.append(
    h('p', { class: 'hint' }, `共 ${list.items.length} 项措施。每项措施均列明法律、法规或政策文件依据；未列入清单的措施不得实施。`),
    h('div', { class: 'filters' }, field('适用场景', scenario)),
    body,
  );
  show();
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
    { header: '依据', cell: (m) => basisText(m.basis) },
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
