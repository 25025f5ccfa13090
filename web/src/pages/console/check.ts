import { api, query } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime, period } from '../../format';
import { DOMAIN, label, MEASURE_GROUP, MEASURE_KIND, RESPONSIBLE_ROLE } from '../../labels';
import { dataTable } from '../../table';
import type { SearchAnswer } from '../../public-types';
import { measureList, scenarioName } from './context';
import { basisCell } from './measures';
import type { CheckAnswer, CheckListEntry, CheckMeasure, CheckSummary, MeasureList } from './shapes';

// 联合奖惩核查: an approval officer checks a subject in a business scenario before deciding (应查
// 必查), reads which measures apply and why, and reports whether each was applied (执行反馈).
// A name typed into the box lists the matching subjects to pick from; 我的核查 lists the
// department's checks so that measures not yet reported can be reported later.
export async function checkSection(panel: HTMLElement): Promise<void> {
  const list = await measureList();
  const code = h('input', { name: 'code', required: true, autocomplete: 'off', spellcheck: 'false' });
  const scenario = h('select', { name: 'scenario', required: true }, list.scenarios.map((s) => h('option', { value: s.code }, s.name)));
  const submit = h('button', { type: 'submit', class: 'primary' }, '核查');
  const error = alertBox();
  const status = statusBox();
  const form = h(
    'form',
    { class: 'panel search', 'aria-label': '核查主体' },
    field('主体代码或名称', code, '统一社会信用代码、身份证号码，或单位名称（列出匹配的主体供选择）'),
    field('业务场景', scenario),
    submit,
  );
  const matches = h('div');
  const result = h('div');
  const mine = myChecks(list);
  panel.append(form, error, status, matches, result, mine.element);

  const run = async (c: string): Promise<void> => {
    submit.disabled = true;
    status.textContent = '正在核查…';
    try {
      const answer = await api<CheckAnswer>('GET', `/api/v1/subjects/${encodeURIComponent(c)}/check${query({ scenario: scenario.value })}`, undefined, true);
      status.textContent = answer.subject.on_record ? `核查完成：适用措施 ${answer.measures.length} 项` : '核查完成：平台无该主体的信用信息';
      result.append(answerView(answer));
      const open = allMeasures(answer).filter((m) => !m.suspended);
      if (open.length > 0) result.append(feedbackForm(answer.check_id, open, () => void mine.refresh()));
      void mine.refresh();
    } catch (err) {
      status.textContent = '';
      error.textContent = (err as Error).message;
    } finally {
      submit.disabled = false;
    }
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    matches.replaceChildren();
    result.replaceChildren();
    const c = code.value.trim();
    if (!c) {
      error.textContent = '请输入主体代码或名称';
      code.focus();
      return;
    }
    if (looksLikeCode(c)) return run(c.toUpperCase());
    // A name: offer the subjects it matches.
    submit.disabled = true;
    status.textContent = '正在按名称查找…';
    try {
      const found = await api<SearchAnswer>('GET', `/api/v1/search${query({ q: c, size: 10 })}`);
      const hits = found.items.filter((i) => i.code);
      status.textContent = hits.length === 0 ? '' : `名称含“${c}”的主体 ${found.total} 个，请选择要核查的主体`;
      if (hits.length === 0) {
        error.textContent = `没有名称含“${c}”的主体；也可直接输入统一社会信用代码或身份证号码核查`;
        return;
      }
      matches.append(
        h(
          'ul',
          { class: 'matches', 'aria-label': '匹配的主体' },
          hits.map((i) => {
            const pick = h('button', { type: 'button', class: 'link-button' }, `${i.name}（${i.code}）`);
            pick.addEventListener('click', () => {
              code.value = i.code;
              matches.replaceChildren();
              error.textContent = '';
              void run(i.code);
            });
            return h('li', {}, pick, i.region_name ? h('span', { class: 'hint' }, ` ${i.region_name}`) : null);
          }),
        ),
      );
    } catch (err) {
      status.textContent = '';
      error.textContent = (err as Error).message;
    } finally {
      submit.disabled = false;
    }
  });
}

// An identifier rather than a name: 18 letters and digits (统一社会信用代码, 身份证号码) or 15 digits.
function looksLikeCode(s: string): boolean {
  return /^[0-9A-Za-z]{18}$/.test(s) || /^\d{15}$/.test(s) || /^[0-9A-Za-z]{8}-?[0-9A-Za-z]$/.test(s);
}

// The 结果校验码 as a clerk reads it out: the first 8 hex digits of the answer's SHA-256, grouped;
// the whole digest on demand (the API and the query log keep it whole).
function shortHash(sha: string): HTMLElement {
  const short = `${sha.slice(0, 4)}-${sha.slice(4, 8)}`.toUpperCase();
  const text = h('span', { 'data-testid': 'answer-hash' }, short);
  const more = h('button', { type: 'button', class: 'link-button', 'aria-label': '显示完整结果校验码' }, '完整');
  more.addEventListener('click', () => {
    text.textContent = sha;
    text.classList.add('hash');
    more.remove();
  });
  return h('dd', { class: 'code', title: sha }, text, ' ', more);
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
  if (!a.subject.on_record) {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'answer-h' },
      h('h3', { id: 'answer-h' }, '核查结果：平台无该主体的信用信息'),
      answerFacts(a),
      h('p', { class: 'empty' }, `代码 ${a.subject.identifiers.map((i) => i.value).join('、')} 在本平台没有登记的主体和信用信息，本场景下没有适用的奖惩措施。本次核查已记录，可凭核查编号证明已按规定核查。`),
    );
  }
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'answer-h' },
    h('h3', { id: 'answer-h' }, `核查结果：${a.subject.name}`),
    answerFacts(a),
    a.evaluation
      ? h(
          'p',
          { 'data-evaluation': a.evaluation.grade },
          `公共信用综合评价：${a.evaluation.grade}级（${a.evaluation.label}），${a.evaluation.score.toFixed(1)}分`,
          a.evaluation.supervision ? `；双随机抽查比例 ${Math.round(a.evaluation.supervision.inspection_ratio * 1000) / 10}%，${a.evaluation.supervision.note}` : '',
        )
      : null,
    h('h4', {}, `名单情况（${a.lists.length}）`),
    a.lists.length === 0 ? h('p', { class: 'empty' }, '未列入红名单、严重失信主体名单或重点关注名单') : h('ul', { class: 'records' }, a.lists.map(listCard)),
    h('h4', {}, `适用措施（${a.measures.length}）`),
    a.measures.length === 0 ? h('p', { class: 'empty' }, '本场景下没有适用的奖惩措施') : h('ul', { class: 'records' }, a.measures.map(measureCard)),
    a.withheld.length === 0
      ? null
      : [
          h('h4', {}, `不予适用的激励措施（${a.withheld.length}）`),
          h('p', { class: 'hint' }, '主体有下列失信信息，以下激励措施不予适用：'),
          h('ul', { class: 'records' }, a.withheld.map(measureCard)),
        ],
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

function answerFacts(a: CheckAnswer): HTMLElement {
  return h(
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
    shortHash(a.answer_sha256),
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
  const withheld = m.withheld_by !== undefined;
  return h(
    'li',
    { class: `record measure ${m.suspended || withheld ? 'suspended' : ''}`, 'data-measure': m.code },
    h(
      'h5',
      {},
      m.name,
      h('span', { class: 'badge' }, label(MEASURE_KIND, m.kind)),
      h('span', { class: m.mandatory ? 'badge danger' : 'badge' }, m.mandatory ? '必须执行' : '可参考执行'),
      m.suspended ? h('span', { class: 'badge warn' }, '暂停执行（异议处理中）') : null,
      withheld ? h('span', { class: 'badge warn' }, '不予适用') : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '措施编号'),
      h('dd', { class: 'code' }, `${m.code}（${MEASURE_GROUP[m.group] ?? m.group}）`),
      h('dt', {}, '法律依据'),
      h('dd', {}, basisCell(m.basis)),
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
      withheld
        ? [
            h('dt', {}, '不予适用原因'),
            h('dd', {}, h('ul', { class: 'triggers' }, (m.withheld_by ?? []).map((t) => h('li', {}, t.description)))),
          ]
        : null,
      m.note ? [h('dt', {}, '说明'), h('dd', { class: 'measure-note' }, m.note)] : null,
      m.objection_ids.length ? [h('dt', {}, '相关异议'), h('dd', {}, m.objection_ids.map((id) => `异议 ${id}`).join('、'))] : null,
    ),
  );
}

interface Named {
  code: string;
  name: string;
}

interface Reply {
  measure: Named;
  applied: boolean;
  reason: string;
}

// 执行反馈: for each measure, applied or not, and why; a measure left unanswered is not sent.
// `reported` is called after each accepted submission.
function feedbackForm(checkId: number, measures: Named[], reported_: () => void): HTMLElement {
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
    h('p', { class: 'hint' }, `请逐项反馈核查编号 ${checkId} 中各项措施的执行情况。每项措施只能反馈一次；未反馈的可稍后在“我的核查”中继续反馈。`),
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
        `/api/v1/checks/${checkId}/feedback`,
        { items: replies.map((r) => ({ measure: r.measure.code, applied: r.applied, reason: r.reason })) },
        true,
      );
      reported.push(...replies);
      reported_();
      for (const r of rows) {
        if (!replies.some((x) => x.measure.code === r.m.code)) continue;
        r.done = true;
        r.set.replaceWith(h('p', { class: 'hint' }, `${r.m.name}（${r.m.code}）：已反馈`));
      }
      const left = rows.filter((r) => !r.done).length;
      status.textContent =
        `执行反馈已提交：核查编号 ${checkId}，共 ${replies.length} 项措施。` + (left > 0 ? `尚有 ${left} 项措施待反馈。` : '');
      if (left === 0) {
        form.replaceChildren(h('h3', { id: 'feedback-h' }, '执行反馈'), status, confirmation(checkId, reported));
      } else {
        sofar.replaceChildren(confirmation(checkId, reported));
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

// 我的核查: the department's recent checks; one with measures not yet reported can be reported.
function myChecks(list: MeasureList): { element: HTMLElement; refresh: () => Promise<void> } {
  const names = new Map(list.items.map((m) => [m.code, m.name]));
  const table = h('div');
  const form = h('div');
  const error = alertBox();
  const element = h('section', { class: 'panel', 'aria-labelledby': 'mine-h' }, h('h3', { id: 'mine-h' }, '我的核查'), error, table, form);
  const refresh = async (): Promise<void> => {
    try {
      const got = await api<{ items: CheckSummary[] }>('GET', `/api/v1/checks${query({ limit: 20 })}`);
      error.textContent = '';
      table.replaceChildren(
        dataTable<CheckSummary>('本部门最近的核查', [
          { header: '核查编号', cell: (c) => String(c.id) },
          { header: '核查时间', cell: (c) => chinaTime(c.at) },
          { header: '主体', cell: (c) => (c.on_record ? c.subject_name : `${c.checked_code}（平台无信用信息）`) },
          { header: '业务场景', cell: (c) => scenarioName(list, c.scenario) },
          { header: '适用措施', cell: (c) => (c.measures.length === 0 ? '无' : c.measures.map((m) => names.get(m) ?? m).join('；')) },
          {
            header: '执行反馈',
            cell: (c) => {
              const open = pending(c);
              if (c.measures.length === 0) return '无需反馈';
              if (open.length === 0) return `已全部反馈（${c.feedback.length} 项）`;
              const go = h('button', { type: 'button', 'data-check': String(c.id) }, `反馈（待 ${open.length} 项）`);
              go.addEventListener('click', () => {
                form.replaceChildren(
                  feedbackForm(
                    c.id,
                    open.map((code) => ({ code, name: names.get(code) ?? code })),
                    () => void refresh(),
                  ),
                );
                form.scrollIntoView({ block: 'nearest' });
              });
              return go;
            },
          },
        ], got.items, '本部门还没有核查记录'),
      );
    } catch (err) {
      error.textContent = (err as Error).message;
    }
  };
  void refresh();
  return { element, refresh };
}

function pending(c: CheckSummary): string[] {
  const done = new Set(c.feedback.map((f) => f.measure));
  return c.measures.filter((m) => !done.has(m));
}
