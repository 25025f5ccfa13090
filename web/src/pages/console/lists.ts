import { api, query } from '../../api';
import { alertBox, field, h, statusBox, type Child } from '../../dom';
import { chinaTime, due, period } from '../../format';
import { DOMAIN, label, LIST_KIND, LIST_STATUS, RESPONSIBLE_ROLE } from '../../labels';
import { focusMain, navigate } from '../../router';
import { dataTable, Pager } from '../../table';
import { departmentName, type ConsoleContext } from './context';
import type { ListEntry, Page } from './shapes';

function options(map: Record<string, string>, blank?: string): HTMLOptionElement[] {
  const all = Object.entries(map).map(([code, name]) => h('option', { value: code }, name));
  return blank === undefined ? all : [h('option', { value: '' }, blank), ...all];
}

// 名单认定: the entries of the red, serious and key-attention lists; a new proposal; and one
// entry at ?id=N with the next steps of its recognition (notice, decision, drop, exit).
export async function listsSection(panel: HTMLElement, ctx: ConsoleContext, q: URLSearchParams): Promise<void> {
  const id = q.get('id');
  if (id) {
    const body = h('div');
    panel.append(h('p', {}, h('a', { href: '/console/lists', 'data-link': true }, '返回名单认定')), body);
    return entryDetail(body, ctx, id);
  }
  const kind = h('select', { name: 'list_kind' }, options(LIST_KIND, '全部名单'));
  const status = h('select', { name: 'status' }, options(Object.fromEntries(Object.entries(LIST_STATUS).filter(([k]) => k !== 'expired')), '全部状态'));
  const filters = h('form', { class: 'filters', 'aria-label': '筛选名单条目' }, field('名单', kind), field('状态', status), h('button', { type: 'submit' }, '筛选'));
  const list = h('div');
  const pager = new Pager<ListEntry>(
    '名单条目翻页',
    async (before) => {
      const path = `/api/v1/lists/entries${query({ list_kind: kind.value, status: status.value, before, limit: 20 })}`;
      const page = await api<Page<ListEntry>>('GET', path, undefined, true);
      return { items: page.items, next: page.next_before };
    },
    (entries) => list.replaceChildren(entryTable(entries, ctx)),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    void pager.first();
  });
  panel.append(
    h('section', { class: 'panel', 'aria-labelledby': 'entries-h' }, h('h3', { id: 'entries-h' }, '名单条目'), filters, list, pager.element),
    proposeForm(ctx),
  );
  await pager.first();
}

function entryTable(entries: ListEntry[], ctx: ConsoleContext): HTMLElement {
  return dataTable<ListEntry>('名单条目（新近的在前）', [
    { header: '编号', cell: (e) => h('a', { href: `/console/lists?id=${e.id}`, 'data-link': true, 'aria-label': `办理名单条目 ${e.id}` }, String(e.id)) },
    { header: '主体', cell: (e) => (e.subject ? [e.subject.name, h('br'), h('span', { class: 'code' }, e.subject.code)] : `主体 ${e.subject_id}`) },
    { header: '名单', cell: (e) => e.list_name || label(LIST_KIND, e.list_kind) },
    { header: '领域', cell: (e) => label(DOMAIN, e.domain) },
    { header: '状态', cell: (e) => label(LIST_STATUS, e.status), nowrap: true },
    { header: '发起部门', cell: (e) => departmentName(ctx, e.department_id) },
    { header: '有效期', cell: (e) => period(e.valid_from, e.valid_until) },
  ], entries, '没有符合条件的名单条目');
}

// 拟认定: a proposal for a list, with its legal basis, the facts and the responsible persons.
function proposeForm(ctx: ConsoleContext): HTMLElement {
  const subject = h('input', { name: 'subject', required: true, autocomplete: 'off', spellcheck: 'false' });
  const kind = h('select', { name: 'list_kind' }, options(LIST_KIND));
  kind.value = 'serious';
  const domain = h('select', { name: 'domain' }, options(DOMAIN));
  const basis = h('input', { name: 'basis', required: true, maxlength: 500 });
  const facts = h('textarea', { name: 'facts', rows: 4, maxlength: 5000 });
  const department = h(
    'select',
    { name: 'department' },
    ctx.me.role === 'admin' ? h('option', { value: '' }, '请选择') : null,
    ctx.departments.filter((d) => ctx.me.role === 'admin' || d.id === ctx.me.department_id).map((d) => h('option', { value: d.code }, d.name)),
  );
  const persons = h('div', { class: 'persons' });
  const addPerson = h('button', { type: 'button' }, '添加责任人');
  let serial = 0;
  addPerson.addEventListener('click', () => {
    serial += 1;
    const n = serial;
    const name = h('input', { name: `person-name-${n}`, autocomplete: 'off' });
    const idNumber = h('input', { name: `person-id-${n}`, autocomplete: 'off', spellcheck: 'false' });
    const role = h('select', { name: `person-role-${n}` }, options(RESPONSIBLE_ROLE));
    const remove = h('button', { type: 'button' }, `删除责任人 ${n}`);
    const set = h('fieldset', { class: 'person', 'data-person': true }, h('legend', {}, `责任人 ${n}`), field('姓名', name), field('身份证号码', idNumber), field('身份', role), remove);
    remove.addEventListener('click', () => {
      set.remove();
      addPerson.focus();
    });
    persons.append(set);
    name.focus();
  });
  const error = alertBox();
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交拟认定');
  const form = h(
    'form',
    { class: 'panel stack', 'aria-labelledby': 'propose-h' },
    h('h3', { id: 'propose-h' }, '拟认定'),
    h('p', { class: 'hint' }, '严重失信主体名单和重点关注名单须先告知当事人，陈述申辩期满后方可作出认定；红名单可直接认定。'),
    field('主体代码', subject, '统一社会信用代码或身份证号码'),
    field('名单', kind),
    field('领域', domain),
    field('发起部门', department),
    field('认定依据', basis, '法律、法规或党中央、国务院政策文件及条款'),
    field('失信事实', facts, '列入严重失信主体名单或重点关注名单时必填'),
    h('fieldset', { class: 'plain' }, h('legend', {}, '责任人（落实到人，可不填）'), persons, addPerson),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const people: Array<{ name: string; id_number: string; role: string }> = [];
    for (const set of persons.querySelectorAll<HTMLFieldSetElement>('[data-person]')) {
      const [name, idNumber] = set.querySelectorAll('input');
      const role = set.querySelector('select');
      if (name.value.trim() || idNumber.value.trim()) {
        people.push({ name: name.value.trim(), id_number: idNumber.value.trim(), role: role?.value ?? 'legal_representative' });
      }
    }
    submit.disabled = true;
    try {
      const entry = await api<ListEntry>(
        'POST',
        '/api/v1/lists/entries',
        {
          subject: subject.value.trim(),
          list_kind: kind.value,
          domain: domain.value,
          basis: basis.value.trim(),
          facts: facts.value.trim(),
          department: department.value || undefined,
          responsible_persons: people,
        },
        true,
      );
      await navigate(`/console/lists?id=${entry.id}`);
      focusMain();
    } catch (err) {
      error.textContent = (err as Error).message;
      submit.disabled = false;
    }
  });
  return form;
}

async function entryDetail(body: HTMLElement, ctx: ConsoleContext, id: string, notice = ''): Promise<void> {
  const e = await api<ListEntry>('GET', `/api/v1/lists/entries/${encodeURIComponent(id)}`, undefined, true);
  const done = statusBox();
  const again = (message: string) => entryDetail(body, ctx, id, message);
  const steps: HTMLElement[] = [];
  if (e.status === 'proposed' && e.list_kind !== 'red') steps.push(noticeForm(e, again));
  if (e.status === 'noticed' || (e.status === 'proposed' && e.list_kind === 'red')) steps.push(decideForm(e, again, ctx));
  if (e.status === 'proposed' || e.status === 'noticed') steps.push(reasonForm(e, 'drop', '不予认定', '不予认定的理由', again));
  if (e.status === 'decided') steps.push(reasonForm(e, 'exit', '移出名单', '移出理由', again, '信用修复、撤销认定、有效期届满等'));
  const facts: Child[] = [
    e.subject ? [h('dt', {}, '主体'), h('dd', {}, `${e.subject.name}（${e.subject.code}）`)] : [h('dt', {}, '主体编号'), h('dd', {}, String(e.subject_id))],
    h('dt', {}, '领域'),
    h('dd', {}, label(DOMAIN, e.domain)),
    h('dt', {}, '发起部门'),
    h('dd', {}, departmentName(ctx, e.department_id)),
    h('dt', {}, '认定依据'),
    h('dd', {}, e.basis),
    e.facts ? [h('dt', {}, '失信事实'), h('dd', {}, e.facts)] : null,
    e.notice_document ? [h('dt', {}, '告知书'), h('dd', {}, e.notice_document)] : null,
    e.defence_until ? [h('dt', {}, '陈述申辩期至'), h('dd', {}, due(e.defence_until, 'defence_until', e.provisional_dates))] : null,
    e.decision_document ? [h('dt', {}, '认定决定书'), h('dd', {}, e.decision_document)] : null,
    e.valid_from ? [h('dt', {}, '有效期'), h('dd', {}, period(e.valid_from, e.valid_until))] : null,
    e.exit_reason ? [h('dt', {}, e.status === 'dropped' ? '不予认定理由' : '移出理由'), h('dd', {}, e.exit_reason)] : null,
    e.exited_at ? [h('dt', {}, '办结日期'), h('dd', {}, e.exited_at)] : null,
    h('dt', {}, '登记时间'),
    h('dd', {}, chinaTime(e.created_at)),
  ];
  body.replaceChildren(
    done,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'entry-h' },
      h(
        'h3',
        { id: 'entry-h' },
        `名单条目 ${e.id}：${e.list_name || label(LIST_KIND, e.list_kind)}`,
        h('span', { class: 'badge', 'data-testid': 'entry-status' }, label(LIST_STATUS, e.status)),
        e.disputed ? h('span', { class: 'badge danger' }, '异议处理中') : null,
      ),
      h('dl', { class: 'facts' }, facts),
    ),
    ...steps,
  );
  done.textContent = notice;
}

type Again = (message: string) => Promise<void>;

// Runs a step of the recognition and shows the entry again with `message`.
function stepForm(e: ListEntry, verb: string, title: string, fields: HTMLElement[], body: () => object | string, again: Again, message: string): HTMLElement {
  const error = alertBox();
  const submit = h('button', { type: 'submit', class: 'primary' }, title);
  const headingId = `${verb}-h`;
  const form = h('form', { class: 'panel stack', 'aria-labelledby': headingId }, h('h3', { id: headingId }, title), ...fields, error, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const b = body();
    if (typeof b === 'string') {
      error.textContent = b;
      return;
    }
    submit.disabled = true;
    try {
      await api('POST', `/api/v1/lists/entries/${e.id}/${verb}`, b, true);
      await again(message);
    } catch (err) {
      error.textContent = (err as Error).message;
      submit.disabled = false;
    }
  });
  return form;
}

function noticeForm(e: ListEntry, again: Again): HTMLElement {
  const doc = h('input', { name: 'notice_document', required: true });
  const days = h('input', { name: 'defence_working_days', type: 'number', min: 5, value: 5, required: true, inputmode: 'numeric' });
  return stepForm(
    e,
    'notice',
    '告知当事人',
    [field('告知书文号', doc), field('陈述申辩期（工作日）', days, '不少于5个工作日')],
    () => {
      const n = Number(days.value);
      if (!doc.value.trim()) return '请填写告知书文号';
      if (!Number.isInteger(n) || n < 5) return '陈述申辩期不少于5个工作日';
      return { notice_document: doc.value.trim(), defence_working_days: n };
    },
    again,
    '已告知当事人',
  );
}

function decideForm(e: ListEntry, again: Again, ctx?: ConsoleContext): HTMLElement {
  const doc = h('input', { name: 'decision_document', required: true });
  const from = h('input', { name: 'valid_from', type: 'date' });
  const until = h('input', { name: 'valid_until', type: 'date' });
  const hint = e.defence_until ? `陈述申辩期至 ${e.defence_until}，期满后方可作出认定。` : '';
  // 红名单: a subject with recent dishonesty records is refused (the answer names them); the
  // credit office may decide all the same with a written reason, kept in the audit log.
  const override = h('textarea', { name: 'override_reason', rows: 2, maxlength: 2000 });
  const fields = [field('认定决定书文号', doc), field('有效期自', from, '不填写为今天'), field('有效期至', until, '不填写按该类名单的有效期规定计算；超过规定最长期限的不予认定')];
  if (e.list_kind === 'red' && ctx?.me.role === 'admin') {
    fields.push(field('仍予认定的理由', override, '仅在该主体近期有失信记录、经研究仍予认定时填写；理由记入审计日志'));
  }
  const form = stepForm(
    e,
    'decide',
    '作出认定',
    fields,
    () =>
      doc.value.trim()
        ? { decision_document: doc.value.trim(), valid_from: from.value || undefined, valid_until: until.value || undefined, override_reason: override.value.trim() || undefined }
        : '请填写认定决定书文号',
    again,
    '已作出认定',
  );
  if (hint) form.querySelector('h3')!.after(h('p', { class: 'hint' }, hint));
  return form;
}

function reasonForm(e: ListEntry, verb: 'drop' | 'exit', title: string, reasonLabel: string, again: Again, hint?: string): HTMLElement {
  const reason = h('textarea', { name: `${verb}-reason`, rows: 3, required: true, maxlength: 500 });
  return stepForm(
    e,
    verb,
    title,
    [field(reasonLabel, reason, hint)],
    () => (reason.value.trim() ? { reason: reason.value.trim() } : `请填写${reasonLabel}`),
    again,
    verb === 'drop' ? '已不予认定' : '已移出名单',
  );
}
