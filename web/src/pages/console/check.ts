import { api, ApiError, query } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime, period } from '../../format';
import { DOMAIN, label, MEASURE_GROUP, MEASURE_KIND, RESPONSIBLE_ROLE } from '../../labels';
import { dataTable } from '../../table';
import { measureList } from './context';
import { basisText } from './measures';
import type { CheckAnswer, CheckListEntry, CheckMeasure } from './shapes';

// 联合奖惩核查: an approval officer checks a subject in a business scenario before deciding (应查
// 必查), reads which measures apply and why, and reports whether each was applied (执行反馈).
export async function checkSection(panel: HTMLElement): Promise<void> {
  const list = await measureList();
  const code = h('input', { name: 'code', required: true, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters' });
  const scenario = h('select', { name: 'scenario', required: true }, list.scenarios.map((s) => h('option', { value: s.code }, s.name)));
  const submit = h('button', { type: 'submit', class: 'primary' }, '核查');
  const error = alertBox();
  const status = statusBox();
  const form = h(
    'form',
    { class: 'panel search', 'aria-label': '核查主体' },
    field('主体代码', code, '统一社会信用代码或身份证号码'),
    field('业务场景', scenario),
    submit,
  );
  const result = h('div');
  panel.append(form, error, status, result);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    result.replaceChildren();
    const c = code.value.trim();
    if (!c) {
      error.textContent = '请输入主体代码';
      code.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = '正在核查…';
    try {
      const answer = await api<CheckAnswer>('GET', `/api/v1/subjects/${encodeURIComponent(c)}/check${query({ scenario: scenario.value })}`, undefined, true);
      status.textContent = `核查完成：适用措施 ${answer.measures.length} 项`;
      result.append(answerView(answer));
      if (allMeasures(answer).length > 0) result.append(feedbackForm(answer));
    } catch (err) {
      status.textContent = '';
      error.textContent = err instanceof ApiError && err.status === 404 ? `未找到代码为 ${c} 的主体` : (err as Error).message;
    } finally {
      submit.disabled = false;
    }
  });
}

// The measures of the subject and those it answers for as a responsible person, once each.
function allMeasures(a: CheckAnswer): CheckMeasure[] {
  const seen = new Map<string, CheckMeasure>();
  for (const m of [...a.measures, ...a.as_responsible_person.flatMap((r) => r.measures)]) {
    if (!seen.has(m.code)) seen.set(m.code, m);
  }
  return [...seen.values()];
}

function answerView(a: CheckAnswer): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'answer-h' },
    h('h3', { id: 'answer-h' }, `核查结果：${a.subject.name}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '主体代码'),
      h('dd', { class: 'code' }, a.subject.identifiers.map((i) => i.value).join('、')),
      h('dt', {}, '业务场景'),
      h('dd', {}, a.scenario.name),
      h('dt', {}, '核查编号'),
      h('dd', { 'data-testid': 'check-id' }, String(a.check_id)),
      h('dt', {}, '核查时间'),
      h('dd', {}, chinaTime(a.checked_at)),
      h('dt', {}, '结果校验码'),
      h('dd', { class: 'code hash' }, a.answer_sha256),
    ),
    h('h4', {}, `名单情况（${a.lists.length}）`),
    a.lists.length === 0 ? h('p', { class: 'empty' }, '未列入红名单、严重失信主体名单或重点关注名单') : h('ul', { class: 'records' }, a.lists.map(listCard)),
    h('h4', {}, `适用措施（${a.measures.length}）`),
    a.measures.length === 0 ? h('p', { class: 'empty' }, '本场景下没有适用的奖惩措施') : h('ul', { class: 'records' }, a.measures.map(measureCard)),
    a.as_responsible_person.length === 0
      ? null
      : [
          h('h4', {}, `作为责任人（${a.as_responsible_person.length}）`),
          h(
            'ul',
            { class: 'records' },
            a.as_responsible_person.map((r) =>
              h(
                'li',
                { class: 'record black-list' },
                h('h5', {}, `${r.organisation.name}的${label(RESPONSIBLE_ROLE, r.role)}`),
                h(
                  'dl',
                  { class: 'facts' },
                  h('dt', {}, '单位代码'),
                  h('dd', { class: 'code' }, r.organisation.identifiers.join('、')),
                  h('dt', {}, '所列名单'),
                  h('dd', {}, `${r.list_entry.list_name}（${period(r.list_entry.valid_from, r.list_entry.valid_until)}）`),
                  h('dt', {}, '适用措施'),
                  h('dd', {}, r.measures.length === 0 ? '无' : r.measures.map((m) => m.name).join('；')),
                ),
              ),
            ),
          ),
        ],
  );
}

function listCard(e: CheckListEntry): HTMLElement {
  return h(
    'li',
    { class: `record ${e.list_kind === 'red' ? 'red-list' : 'black-list'}` },
    h('h5', {}, e.list_name, e.disputed ? h('span', { class: 'badge danger' }, '异议处理中') : null),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '领域'),
      h('dd', {}, label(DOMAIN, e.domain)),
      h('dt', {}, '认定依据'),
      h('dd', {}, e.basis),
      h('dt', {}, '决定文书'),
      h('dd', {}, e.decision_document ?? '—'),
      h('dt', {}, '有效期'),
      h('dd', {}, period(e.valid_from, e.valid_until)),
    ),
  );
}

function measureCard(m: CheckMeasure): HTMLElement {
  return h(
    'li',
    { class: `record measure ${m.suspended ? 'suspended' : ''}`, 'data-measure': m.code },
    h(
      'h5',
      {},
      m.name,
      h('span', { class: 'badge' }, label(MEASURE_KIND, m.kind)),
      h('span', { class: m.mandatory ? 'badge danger' : 'badge' }, m.mandatory ? '必须执行' : '可参考执行'),
      m.suspended ? h('span', { class: 'badge warn' }, '暂停执行（异议处理中）') : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '措施编号'),
      h('dd', { class: 'code' }, `${m.code}（${MEASURE_GROUP[m.group] ?? m.group}）`),
      h('dt', {}, '法律依据'),
      h('dd', {}, basisText(m.basis)),
      h('dt', {}, '实施部门'),
      h('dd', {}, m.implementing_departments.join('、') || '—'),
      m.memoranda.length ? [h('dt', {}, '合作备忘录'), h('dd', {}, m.memoranda.join('、'))] : null,
      h('dt', {}, '适用原因'),
      h(
        'dd',
        {},
        h(
          'ul',
          { class: 'triggers' },
          m.triggers.map((t) => h('li', {}, t.description, t.disputed ? '（异议处理中）' : '')),
        ),
      ),
      m.objection_ids.length ? [h('dt', {}, '相关异议'), h('dd', {}, m.objection_ids.map((id) => `异议 ${id}`).join('、'))] : null,
    ),
  );
}

interface Reply {
  measure: CheckMeasure;
  applied: boolean;
  reason: string;
}

// 执行反馈: for each measure, applied or not, and why; a measure left unanswered is not sent.
function feedbackForm(a: CheckAnswer): HTMLElement {
  const measures = allMeasures(a);
  const rows = measures.map((m) => {
    const yes = h('input', { type: 'radio', name: `applied-${m.code}`, value: 'yes' });
    const no = h('input', { type: 'radio', name: `applied-${m.code}`, value: 'no' });
    const reason = h('input', { name: `reason-${m.code}`, maxlength: 500 });
    const set = h(
      'fieldset',
      { class: 'feedback' },
      h('legend', {}, `${m.name}（${m.code}）`),
      h('div', { class: 'choices' }, h('label', {}, yes, '已执行'), h('label', {}, no, '未执行')),
      field('说明', reason, '未执行的，须说明理由'),
    );
    return { m, yes, no, reason, set, done: false };
  });
  // Each measure is reported once; the others stay open until reported (issue 16, item 9).
  const reported: Reply[] = [];
  const sofar = h('div');
  const error = alertBox();
  const status = statusBox();
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交执行反馈');
  const form = h(
    'form',
    { class: 'panel stack', 'aria-labelledby': 'feedback-h' },
    h('h3', { id: 'feedback-h' }, '执行反馈'),
    h('p', { class: 'hint' }, `请逐项反馈核查编号 ${a.check_id} 中各项措施的执行情况。每项措施只能反馈一次。`),
    rows.map((r) => r.set),
    error,
    submit,
    status,
    sofar,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const replies: Reply[] = [];
    for (const r of rows) {
      if (r.done || (!r.yes.checked && !r.no.checked)) continue;
      if (r.no.checked && !r.reason.value.trim()) {
        error.textContent = `“${r.m.name}”未执行，须说明理由`;
        r.reason.focus();
        return;
      }
      replies.push({ measure: r.m, applied: r.yes.checked, reason: r.reason.value.trim() });
    }
    if (replies.length === 0) {
      error.textContent = '请至少反馈一项措施的执行情况';
      rows.find((r) => !r.done)?.yes.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api(
        'POST',
        `/api/v1/checks/${a.check_id}/feedback`,
        { items: replies.map((r) => ({ measure: r.measure.code, applied: r.applied, reason: r.reason })) },
        true,
      );
      reported.push(...replies);
      for (const r of rows) {
        if (!replies.some((x) => x.measure.code === r.m.code)) continue;
        r.done = true;
        r.set.replaceWith(h('p', { class: 'hint' }, `${r.m.name}（${r.m.code}）：已反馈`));
      }
      const left = rows.filter((r) => !r.done).length;
      status.textContent =
        `执行反馈已提交：核查编号 ${a.check_id}，共 ${replies.length} 项措施。` + (left > 0 ? `尚有 ${left} 项措施待反馈。` : '');
      if (left === 0) {
        form.replaceChildren(h('h3', { id: 'feedback-h' }, '执行反馈'), status, confirmation(a.check_id, reported));
      } else {
        sofar.replaceChildren(confirmation(a.check_id, reported));
        submit.disabled = false;
      }
    } catch (err) {
      error.textContent = (err as Error).message;
      submit.disabled = false;
    }
  });
  return form;
}

function confirmation(checkId: number, replies: Reply[]): HTMLElement {
  return dataTable<Reply>(`核查编号 ${checkId} 已反馈的措施`, [
    { header: '措施', cell: (r) => `${r.measure.name}（${r.measure.code}）` },
    { header: '执行情况', cell: (r) => (r.applied ? '已执行' : '未执行') },
    { header: '说明', cell: (r) => r.reason || '—' },
  ], replies);
}
