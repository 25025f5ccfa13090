import { api, download } from '../../api';
import { alertBox, append, field, h, statusBox } from '../../dom';
import { chinaTime, due } from '../../format';
import { label, TIP_STATUS, TIP_STEP } from '../../labels';
import { actorName, type ConsoleContext } from './context';
import type { Tip, TipList } from './shapes';

const OVERDUE: Record<string, string> = { route: '超过转办期限', answer: '超过答复期限', total: '超过办结期限' };

// 举报转办 (the office: route, refuse, approve extensions; the tipster's contact on request,
// logged) and 举报办理 (a department's operators: the tips routed to it now, answered as 立案,
// 不予立案 or 移交). Auditors read.
export async function tipsSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const admin = ctx.me.role === 'admin';
  const operator = ctx.me.role === 'operator';
  const status = statusBox();
  const list = h('ul', { class: 'records' });
  panel.append(
    h('p', { class: 'hint' }, operator ? '以下是转交本部门办理的举报。举报人信息由信用办保密，不向承办部门提供。' : '举报人信息严格保密；查看举报人信息会记入审计日志。'),
    status,
    list,
  );
  let reasons: TipList['decline_reasons'] = [];

  async function load(): Promise<void> {
    let page: TipList;
    try {
      page = await api<TipList>('GET', '/api/v1/tips', undefined, true);
    } catch (e) {
      status.textContent = (e as Error).message;
      return;
    }
    reasons = page.decline_reasons;
    list.replaceChildren(...page.items.map((t) => card(t)));
    if (page.items.length === 0) list.append(h('li', { class: 'empty' }, operator ? '暂无待办理的举报' : '暂无举报'));
  }

  function card(t: Tip): HTMLElement {
    // The platform's subject the tip is linked to, and what the tipster typed when it differs.
    const linked = t.subject.name ? `${t.subject.name}（${t.subject.code ?? ''}）` : '';
    const typed = [t.subject.name, t.subject.code].includes(t.subject.as_filed) ? '' : t.subject.as_filed;
    const subject = linked ? (typed ? `${linked}，举报时填写：${typed}` : linked) : `${typed}（未关联平台主体）`;
    const files = t.attachments.map((a) => {
      const get = h('button', { type: 'button', class: 'link-button' }, a.name);
      get.addEventListener('click', () => void download(`/api/v1/tips/${t.id}/attachments/${a.n}`, a.name));
      return h('li', {}, get, a.withheld ? '（不提供给承办部门）' : '');
    });
    const li = h(
      'li',
      { class: 'record', 'data-tip': String(t.id) },
      h('h3', {}, `举报 ${t.id}`, ' ', h('span', { class: 'badge' }, label(TIP_STATUS, t.status)), t.overdue ? h('span', { class: 'badge danger' }, label(OVERDUE, t.overdue)) : null),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '被举报主体'),
        h('dd', {}, subject),
        h('dt', {}, '举报事实'),
        h('dd', { class: 'prewrap' }, t.facts),
        files.length ? [h('dt', {}, '证据材料'), h('dd', {}, h('ul', {}, files))] : null,
        h('dt', {}, '提交时间'),
        h('dd', {}, chinaTime(t.submitted_at)),
        t.department ? [h('dt', {}, '承办部门'), h('dd', {}, t.department.name)] : null,
        t.status === 'submitted' ? [h('dt', {}, '转办期限'), h('dd', {}, due(t.route_due, 'route_due', t.provisional_dates))] : null,
        t.status === 'routed' ? [h('dt', {}, '答复期限'), h('dd', {}, due(t.answer_due, 'answer_due', t.provisional_dates))] : null,
        t.extension.requested_at ? [h('dt', {}, '延期申请'), h('dd', {}, `${t.extension.reason ?? ''}${t.extension.approved ? '（已批准）' : '（待批准）'}`)] : null,
        t.reason ? [h('dt', {}, '不予立案理由'), h('dd', {}, t.reason)] : null,
        t.answer_note ? [h('dt', {}, '答复意见'), h('dd', {}, t.answer_note)] : null,
        t.case_number ? [h('dt', {}, '立案编号'), h('dd', {}, t.case_number)] : null,
        t.refuse_reason ? [h('dt', {}, '不予受理理由'), h('dd', {}, t.refuse_reason)] : null,
      ),
    );
    const err = alertBox();
    if (admin) append(li, [tipsterBox(t), officeActions(t, err)]);
    if (operator && t.status === 'routed') li.append(answerForm(t, err));
    li.append(err);
    return li;
  }

  // 举报人信息（保密）: opened on request only; the reading is logged.
  function tipsterBox(t: Tip): HTMLElement {
    const box = h('div', { class: 'confidential', 'aria-live': 'polite' });
    const open = h('button', { type: 'button' }, `查看举报人信息 ${t.id}`);
    open.addEventListener('click', async () => {
      try {
        const full = await api<Tip>('GET', `/api/v1/tips/${t.id}`, undefined, true);
        const who = full.tipster;
        box.replaceChildren();
        append(box, [
          h('h4', {}, '举报人信息（保密）'),
          !who || who.anonymous
            ? h('p', {}, '匿名举报')
            : h('dl', { class: 'facts' }, h('dt', {}, '姓名'), h('dd', {}, who.name ?? '—'), h('dt', {}, '电话'), h('dd', {}, who.phone ?? '—'), h('dt', {}, '电子邮箱'), h('dd', {}, who.email ?? '—')),
          full.steps ? h('ol', { class: 'steps' }, full.steps.map((s) => h('li', {}, h('span', { class: 'step' }, label(TIP_STEP, s.step)), ' ', h('time', {}, chinaTime(s.at)), ' ', actorName(s.actor), s.note ? h('p', { class: 'hint' }, s.note) : null))) : null,
        ]);
      } catch (e) {
        box.replaceChildren(h('p', { class: 'alert', role: 'alert' }, (e as Error).message));
      }
    });
    return h('div', { class: 'actions' }, open, box);
  }

  function officeActions(t: Tip, err: HTMLElement): HTMLElement | null {
    const parts: HTMLElement[] = [];
    if (t.status === 'submitted' || t.status === 'routed') {
      const department = h('select', { name: `department-${t.id}` }, h('option', { value: '' }, '请选择承办部门'), ctx.departments.map((d) => h('option', { value: d.code }, d.name)));
      const withhold = t.attachments.map((a) => h('input', { type: 'checkbox', name: `withhold-${t.id}`, value: String(a.n) }));
      const note = h('input', { name: `route-note-${t.id}`, maxlength: 2000 });
      const route = h('button', { type: 'button', class: 'primary' }, `转办举报 ${t.id}`);
      route.addEventListener('click', () => {
        if (!department.value) {
          err.textContent = '请选择承办部门';
          department.focus();
          return;
        }
        const held = withhold.filter((c) => c.checked).map((c) => Number(c.value));
        void act(t.id, 'route', { department: department.value, note: note.value.trim(), withhold_attachments: held }, err, '已转办');
      });
      parts.push(
        field('承办部门', department),
        withhold.length
          ? h('fieldset', {}, h('legend', {}, '不提供给承办部门的材料（可能暴露举报人身份的）'), withhold.map((c, i) => h('label', { class: 'check' }, c, t.attachments[i].name)))
          : h('span'),
        field('转办意见（举报人可见）', note),
        route,
      );
    }
    if (t.status === 'submitted') {
      const reason = h('input', { name: `refuse-${t.id}`, maxlength: 2000 });
      const refuse = h('button', { type: 'button' }, `不予受理举报 ${t.id}`);
      refuse.addEventListener('click', () => {
        if (!reason.value.trim()) {
          err.textContent = '不予受理须填写理由';
          reason.focus();
          return;
        }
        void act(t.id, 'refuse', { reason: reason.value.trim() }, err, '已不予受理');
      });
      parts.push(field('不予受理理由（举报人可见）', reason), refuse);
    }
    if (t.status === 'routed' && t.extension.requested_at && !t.extension.approved) {
      const approve = h('button', { type: 'button' }, `批准延期 ${t.id}`);
      approve.addEventListener('click', () => void act(t.id, 'extension/approve', {}, err, '已批准延期'));
      parts.push(approve);
    }
    return parts.length ? h('div', { class: 'actions' }, parts) : null;
  }

  function answerForm(t: Tip, err: HTMLElement): HTMLElement {
    const answer = h('select', { name: `answer-${t.id}` }, h('option', { value: 'filed' }, '立案'), h('option', { value: 'declined' }, '不予立案'), h('option', { value: 'transferred' }, '移交其他部门'));
    const reason = h('select', { name: `reason-${t.id}` }, reasons.map((r) => h('option', { value: r.code }, r.text)));
    const department = h('select', { name: `transfer-${t.id}` }, h('option', { value: '' }, '请选择'), ctx.departments.filter((d) => d.id !== ctx.me.department_id).map((d) => h('option', { value: d.code }, d.name)));
    const caseNumber = h('input', { name: `case-${t.id}`, maxlength: 200 });
    const note = h('textarea', { name: `note-${t.id}`, rows: 3, maxlength: 2000 });
    const reasonField = field('不予立案理由', reason);
    const departmentField = field('移交部门', department);
    const caseField = field('立案编号（不告知举报人）', caseNumber);
    const show = (): void => {
      reasonField.hidden = answer.value !== 'declined';
      departmentField.hidden = answer.value !== 'transferred';
      caseField.hidden = answer.value !== 'filed';
    };
    answer.addEventListener('change', show);
    show();
    const send = h('button', { type: 'button', class: 'primary' }, `答复举报 ${t.id}`);
    send.addEventListener('click', () => {
      const body: Record<string, string> = { answer: answer.value, note: note.value.trim() };
      if (answer.value === 'declined') body.reason_code = reason.value;
      if (answer.value === 'transferred') {
        if (!department.value) {
          err.textContent = '请选择移交部门';
          department.focus();
          return;
        }
        body.department = department.value;
      }
      if (answer.value === 'filed') body.case_number = caseNumber.value.trim();
      if (answer.value !== 'filed' && !body.note) {
        err.textContent = '不予立案或移交须写明理由';
        note.focus();
        return;
      }
      void act(t.id, 'answer', body, err, '已答复');
    });
    const extensionReason = h('input', { name: `extension-${t.id}`, maxlength: 2000 });
    const extend = h('button', { type: 'button' }, `申请延期 ${t.id}`);
    extend.addEventListener('click', () => {
      if (!extensionReason.value.trim()) {
        err.textContent = '申请延期须说明理由';
        extensionReason.focus();
        return;
      }
      void act(t.id, 'extension', { reason: extensionReason.value.trim() }, err, '已申请延期');
    });
    return h(
      'div',
      { class: 'actions' },
      field('答复', answer),
      reasonField,
      departmentField,
      caseField,
      field('答复意见（举报人可见）', note),
      send,
      t.extension.requested_at ? null : [field('延期理由', extensionReason), extend],
    );
  }

  async function act(id: number, verb: string, body: object, err: HTMLElement, done: string): Promise<void> {
    err.textContent = '';
    try {
      await api('POST', `/api/v1/tips/${id}/${verb}`, body, true);
      status.textContent = `举报 ${id} ${done}`;
      await load();
    } catch (e) {
      err.textContent = (e as Error).message;
    }
  }
  await load();
}
