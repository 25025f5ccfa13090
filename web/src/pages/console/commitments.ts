import { api, download, upload } from '../../api';
import { alertBox, append, field, h, statusBox } from '../../dom';
import { base64Of } from '../../files';
import { commitmentState } from '../commitments';
import { actorName, type ConsoleContext } from './context';
import type { Commitment, CommitmentKinds } from './shapes';

const STATUS: Array<[string, string]> = [
  ['', '全部'],
  ['in_force', '履行中'],
  ['fulfilled', '已履约'],
  ['breached', '违诺'],
  ['withdrawn', '已撤回'],
];

// 信用承诺: the accepting department's clerks (operators, officers) enter commitments signed at
// the counter with the scan, upload their approval system's file, and mark each kept (履约) or
// broken (违诺: a record is made through intake); a subject's own account signs its own; the
// office and auditors read all.
export async function commitmentsSection(panel: HTMLElement, ctx: ConsoleContext, query: URLSearchParams): Promise<void> {
  const role = ctx.me.role;
  const clerk = role === 'operator' || role === 'officer' || role === 'admin';
  const subject = role === 'subject';
  const status = statusBox();
  const list = h('ul', { class: 'records' });
  let kinds: CommitmentKinds;
  try {
    kinds = await api<CommitmentKinds>('GET', '/api/v1/commitment-kinds');
  } catch (e) {
    status.textContent = (e as Error).message;
    panel.append(status);
    return;
  }
  const filter = query.get('status') ?? '';
  append(panel, [
    h('p', { class: 'hint' }, subject ? '以下是本单位作出的信用承诺。承诺作出后不能修改；受理单位核查后认定履约或违诺，违诺将记入信用记录。' : '违诺认定后，平台按“信用承诺未履行”信息项生成本部门的失信记录，进入联合奖惩核查。'),
    subject || clerk ? signForm() : null,
    clerk && role !== 'admin' ? importForm() : null,
    h('nav', { class: 'tabs', 'aria-label': '承诺状态' }, STATUS.map(([k, name]) => h('a', { href: k ? `/console/commitments?status=${k}` : '/console/commitments', 'data-link': true, 'aria-current': k === filter ? 'page' : null }, name))),
    status,
    list,
  ]);
  await load();

  async function load(): Promise<void> {
    status.textContent = '正在加载…';
    try {
      const page = await api<{ items: Commitment[] }>('GET', `/api/v1/commitments${filter ? `?status=${filter}` : ''}`, undefined, true);
      status.textContent = '';
      list.replaceChildren(...page.items.map(card));
      if (page.items.length === 0) list.append(h('li', { class: 'empty' }, '暂无信用承诺'));
    } catch (e) {
      status.textContent = (e as Error).message;
    }
  }

  // 作出承诺 (a subject) or 窗口录入 (a clerk, with the signed sheet).
  function signForm(): HTMLElement {
    const kind = h('select', { name: 'kind' }, kinds.kinds.map((k) => h('option', { value: k.code }, k.name)));
    const text = h('p', { class: 'hint prewrap' });
    const showText = (): void => {
      const k = kinds.kinds.find((x) => x.code === kind.value);
      text.textContent = k ? `${k.text}\n违诺责任：${k.liability}${k.material_working_days ? `\n补正材料期限：作出后${k.material_working_days}个工作日` : ''}` : '';
    };
    kind.addEventListener('change', showText);
    showText();
    const department = h('select', { name: 'department' }, h('option', { value: '' }, '请选择受理单位'), ctx.departments.map((d) => h('option', { value: d.code }, d.name)));
    const code = h('input', { name: 'subject-code', maxlength: 18, autocomplete: 'off' });
    const name = h('input', { name: 'subject-name', maxlength: 200 });
    const matter = h('input', { name: 'matter', maxlength: 500, placeholder: '如：食品经营许可（告知承诺）' });
    const extra = h('textarea', { name: 'extra', rows: 2, maxlength: 2000 });
    const publicity = h('select', { name: 'publicity' }, h('option', { value: '' }, '按承诺类型默认'), kinds.publicity.map((p) => h('option', { value: p.code }, p.name)));
    const scan = h('input', { type: 'file', name: 'scan', accept: '.pdf,.jpg,.jpeg,.png' });
    const err = alertBox();
    const done = h('p', { role: 'status' });
    const submit = h('button', { type: 'submit', class: 'primary' }, subject ? '作出承诺' : '录入承诺');
    const form = h(
      'form',
      { class: 'stack panel', 'aria-labelledby': 'sign-h' },
      h('h3', { id: 'sign-h' }, subject ? '作出信用承诺' : '窗口录入信用承诺'),
      field('承诺类型', kind),
      text,
      subject || role === 'admin' ? field('受理单位', department) : null,
      subject ? null : [field('承诺人统一社会信用代码或身份证号', code), field('承诺人名称', name)],
      field('承诺事由', matter, '不填写则按承诺类型默认'),
      field('补充承诺内容', extra),
      field('公开类型', publicity),
      subject ? null : field('承诺书扫描件（须有承诺人签章）', scan),
      submit,
      err,
      done,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      err.textContent = '';
      done.textContent = '';
      const body: Record<string, unknown> = { kind: kind.value, matter: matter.value.trim(), extra: extra.value.trim(), publicity: publicity.value };
      if (department.value) body.department = department.value;
      if (!subject) {
        const file = scan.files?.[0];
        if (!file) {
          err.textContent = '请上传承诺人签章的承诺书扫描件';
          scan.focus();
          return;
        }
        body.subject = { code: code.value.trim(), name: name.value.trim() };
        body.channel = 'counter';
        body.scan = { name: file.name, content_base64: await base64Of(file) };
      }
      submit.disabled = true;
      try {
        const c = await api<Commitment>('POST', '/api/v1/commitments', body, true);
        done.textContent = `已${subject ? '作出' : '录入'}，承诺编码 ${c.code}`;
        form.reset();
        showText();
        await load();
      } catch (x) {
        err.textContent = (x as Error).message;
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  // 批量上传: the approval system's file; good rows kept, bad ones listed with their reasons.
  function importForm(): HTMLElement {
    const file = h('input', { type: 'file', name: 'commitments-file', accept: '.csv,.xlsx,.json,.jsonl' });
    const result = h('div', { 'aria-live': 'polite' });
    const send = h('button', { type: 'submit' }, '上传承诺文件');
    const form = h(
      'form',
      { class: 'stack panel', 'aria-labelledby': 'import-h' },
      h('h3', { id: 'import-h' }, '批量上传'),
      h('p', { class: 'hint' }, '列：承诺人名称、统一社会信用代码（或身份证号码）、承诺类型、承诺事由、作出日期、有效期至、公开类型、原系统编号（或承诺编码）。'),
      field('承诺文件（CSV、XLSX）', file),
      send,
      result,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = file.files?.[0];
      if (!chosen) {
        result.replaceChildren(h('p', { class: 'alert', role: 'alert' }, '请选择文件'));
        return;
      }
      send.disabled = true;
      try {
        const s = await upload<{ accepted: number; unchanged: number; rejected: number; errors: Array<{ row: number; field: string; message: string }> }>(
          `/api/v1/commitments/import?file_name=${encodeURIComponent(chosen.name)}`,
          chosen,
        );
        result.replaceChildren(
          h('p', { role: 'status' }, `新增 ${s.accepted} 条，未变化 ${s.unchanged} 条，退回 ${s.rejected} 行。`),
          s.errors.length ? h('ul', { class: 'errors' }, s.errors.map((x) => h('li', {}, `第${x.row}行：${x.message}`))) : '',
        );
        await load();
      } catch (x) {
        result.replaceChildren(h('p', { class: 'alert', role: 'alert' }, (x as Error).message));
      } finally {
        send.disabled = false;
      }
    });
    return form;
  }

  function card(c: Commitment): HTMLElement {
    const state = commitmentState(c);
    const li = h(
      'li',
      { class: 'record', 'data-commitment': c.code },
      h('h3', {}, `${c.kind_name}：${c.matter}`, ' ', h('span', { class: state.danger ? 'badge danger' : 'badge' }, state.text)),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '承诺编码'),
        h('dd', { class: 'code' }, c.code),
        h('dt', {}, '承诺人'),
        h('dd', {}, `${c.subject.name}（${c.subject.code}）`),
        h('dt', {}, '受理单位'),
        h('dd', {}, c.department.name),
        h('dt', {}, '作出日期'),
        h('dd', {}, c.made_on),
        h('dt', {}, '公开类型'),
        h('dd', {}, c.publicity_name),
        c.material_due ? [h('dt', {}, '补正材料期限'), h('dd', {}, c.material_due)] : null,
        h('dt', {}, '录入'),
        h('dd', {}, `${actorName(c.signed_by)}（${CHANNEL[c.channel] ?? c.channel}）`),
        c.status === 'breached' ? [h('dt', {}, '未履行内容'), h('dd', {}, c.unperformed ?? ''), h('dt', {}, '违诺记录'), h('dd', {}, c.record_id ? `记录 ${c.record_id}` : '—')] : null,
        c.note ? [h('dt', {}, '核查情况'), h('dd', {}, c.note)] : null,
      ),
      h('details', {}, h('summary', {}, '承诺内容'), h('p', { class: 'prewrap' }, c.content)),
    );
    if (c.scan) {
      const get = h('button', { type: 'button', class: 'link-button' }, `承诺书扫描件 ${c.scan.name}`);
      get.addEventListener('click', () => void download(`/api/v1/commitments/${c.code}/scan`, c.scan!.name));
      li.append(h('p', {}, get));
    }
    if (clerk && c.status === 'in_force') li.append(decideForm(c));
    return li;
  }

  // 认定履约 / 认定违诺 / 撤回.
  function decideForm(c: Commitment): HTMLElement {
    const err = alertBox();
    const performance = h('select', { name: `performance-${c.code}` }, h('option', { value: 'partial' }, '部分履行'), h('option', { value: 'none' }, '全部未履行'));
    const unperformed = h('input', { name: `unperformed-${c.code}`, maxlength: 2000 });
    const pursued = h('input', { name: `pursued-${c.code}`, maxlength: 2000 });
    const basis = h('input', { name: `basis-${c.code}`, maxlength: 500 });
    const note = h('input', { name: `note-${c.code}`, maxlength: 2000 });
    const kept = h('button', { type: 'button' }, `认定履约 ${c.code}`);
    const broken = h('button', { type: 'button' }, `认定违诺 ${c.code}`);
    const withdraw = h('button', { type: 'button' }, `撤回 ${c.code}`);
    const send = async (path: string, body: Record<string, unknown>): Promise<void> => {
      err.textContent = '';
      try {
        await api('POST', `/api/v1/commitments/${c.code}/${path}`, body, true);
        await load();
      } catch (x) {
        err.textContent = (x as Error).message;
      }
    };
    kept.addEventListener('click', () => void send('fulfilment', { result: 'fulfilled', note: note.value.trim() }));
    broken.addEventListener('click', () =>
      void send('fulfilment', {
        result: 'breached',
        performance: performance.value,
        unperformed: unperformed.value.trim(),
        liability_pursued: pursued.value.trim(),
        basis: basis.value.trim(),
        note: note.value.trim(),
      }),
    );
    withdraw.addEventListener('click', () => void send('withdraw', { reason: note.value.trim() }));
    const box = h('details', {}, h('summary', {}, `核查认定 ${c.code}`));
    append(box, [
      h('div', { class: 'actions' }, field('核查情况（撤回时填写理由）', note), kept, withdraw),
      h('h4', {}, '违诺认定'),
      h('div', { class: 'actions' }, field('履行状态', performance), field('未履行内容', unperformed), field('违诺责任追究内容', pursued), field('认定依据', basis), broken),
      err,
    ]);
    return box;
  }
}

const CHANNEL: Record<string, string> = { self: '本单位作出', counter: '窗口录入', api: '系统报送', upload: '文件上传' };
