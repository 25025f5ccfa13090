import { api, ApiError, type PublicSubject } from '../api';
import { alertBox, append, field, h, statusBox } from '../dom';
import { due, messageOf, period, subjectHref } from '../format';
import { withQuery } from '../pager';
import type { Eligibility, Repair, RepairCondition } from '../public-types';

type TargetKind = 'record' | 'list_entry';

export function repairHref(code: string, kind: TargetKind, id: number): string {
  return withQuery('/repairs/apply', { subject: code, kind, id });
}

const EVIDENCE_PREFIX = 'evidence.';
const UNMET_EVIDENCE_PREFIX = '须声明并提供材料：';

// The conditions as a list a person can read without colour: 已满足 / 未满足 and the message.
// With `declarations`, the applicant's declarations (evidence.*) not made yet read 申请时声明.
export function conditionList(conditions: RepairCondition[], declarations = false): HTMLElement {
  return h(
    'ul',
    { class: 'conditions' },
    conditions.map((c) => {
      const toDeclare = declarations && !c.met && c.code.startsWith(EVIDENCE_PREFIX);
      return h(
        'li',
        { class: c.met ? 'met' : toDeclare ? 'declare' : 'unmet', 'data-condition': c.code },
        h('span', { class: 'mark' }, c.met ? '✓ 已满足' : toDeclare ? '○ 申请时声明' : '✗ 未满足'),
        ' ',
        h('span', {}, toDeclare ? declarationText(c) : c.message),
      );
    }),
  );
}

function declarationText(c: RepairCondition): string {
  return c.message.startsWith(UNMET_EVIDENCE_PREFIX) ? c.message.slice(UNMET_EVIDENCE_PREFIX.length) : c.message;
}

// 申请信用修复 (/repairs/apply?subject=&kind=record|list_entry&id=): the conditions for one
// public record or list entry today, and the application once every condition but the
// applicant's declarations is met.
export async function repairPage(outer: HTMLElement, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  // Everything goes into a box of this page, so that an answer arriving after the user has moved
  // on lands in a detached box, not on the next page.
  const main = h('div');
  outer.append(main);
  const code = query.get('subject') ?? '';
  const kind = query.get('kind') === 'list_entry' ? 'list_entry' : 'record';
  const id = Number.parseInt(query.get('id') ?? '', 10);
  const status = statusBox();
  main.append(h('h1', {}, '申请信用修复'), status);
  if (!code || !Number.isInteger(id) || id <= 0) {
    main.append(
      h('p', {}, '请先查询信用主体，在需要修复的行政处罚或名单信息下点击“申请信用修复”。'),
      h('p', {}, h('a', { href: '/repairs', 'data-link': true }, '了解信用修复')),
    );
    return;
  }

  status.textContent = '正在查询…';
  let subject: PublicSubject;
  try {
    subject = await api<PublicSubject>('GET', `/api/v1/public/subjects/${encodeURIComponent(code)}`);
  } catch (e) {
    status.textContent = '';
    const err = alertBox();
    err.textContent = e instanceof ApiError && e.status === 404 ? `未找到统一社会信用代码为 ${code} 的公示主体。` : messageOf(e);
    main.append(err);
    return;
  }
  const target = describeTarget(subject, kind, id);
  if (!target) {
    status.textContent = '';
    main.append(
      h('p', { class: 'empty' }, '该信息目前不在公示中，无需申请信用修复。'),
      h('p', {}, h('a', { href: subjectHref(code), 'data-link': true }, `返回${subject.subject.name}的信用信息`)),
    );
    return;
  }
  main.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'target-h' },
      h('h2', { id: 'target-h' }, '申请修复的信息'),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '信用主体'),
        h('dd', {}, h('a', { href: subjectHref(code), 'data-link': true }, subject.subject.name)),
        target.facts,
      ),
    ),
  );

  const conditionsBox = h('div', { 'aria-live': 'polite' });
  const conditionsSection = h('section', { class: 'panel', 'aria-labelledby': 'cond-h' }, h('h2', { id: 'cond-h' }, '修复条件'), conditionsBox);
  main.append(conditionsSection);
  let first: Eligibility;
  try {
    first = await api<Eligibility>('POST', '/api/v1/repairs/eligibility', { target_kind: kind, target_id: id, evidence: {} });
  } catch (e) {
    status.textContent = '';
    const err = alertBox();
    err.textContent = messageOf(e);
    conditionsBox.append(err);
    return;
  }
  status.textContent = '';
  const basic = first.conditions.filter((c) => !c.code.startsWith(EVIDENCE_PREFIX));
  const evidence = first.conditions.filter((c) => c.code.startsWith(EVIDENCE_PREFIX));
  const blocking = basic.filter((c) => !c.met);
  append(conditionsBox, [
    blocking.length > 0
      ? h('p', { class: 'verdict unmet', 'data-testid': 'repair-verdict' }, `暂不符合信用修复条件：以下基本条件中有${blocking.length}项尚未满足。`)
      : h('p', { class: 'verdict met', 'data-testid': 'repair-verdict' }, '基本条件均已满足，可以提交信用修复申请。'),
    h('h3', {}, '基本条件'),
    conditionList(basic),
    evidence.length > 0 ? [h('h3', {}, '申请时须声明的事项'), conditionList(evidence, true)] : null,
  ]);
  if (blocking.length === 0) main.append(applicationForm(kind, id, evidence));
  else main.append(h('p', {}, h('a', { href: subjectHref(code), 'data-link': true }, `返回${subject.subject.name}的信用信息`)));
}

function describeTarget(page: PublicSubject, kind: TargetKind, id: number): { facts: HTMLElement[] } | null {
  if (kind === 'record') {
    const r = page.records.find((x) => x.id === id);
    if (!r) return null;
    return {
      facts: [
        h('dt', {}, '信息类别'),
        h('dd', {}, r.item.name),
        h('dt', {}, '决定文书号'),
        h('dd', {}, String(r.fields['CF_WSH'] ?? r.fields['XK_WSH'] ?? r.id)),
        h('dt', {}, '决定日期'),
        h('dd', {}, r.decision_date),
        h('dt', {}, '公示期'),
        h('dd', {}, period(r.display.from, r.display.until)),
      ],
    };
  }
  const e = page.lists.find((x) => x.id === id);
  if (!e || e.list_kind === 'red') return null;
  return {
    facts: [
      h('dt', {}, '名单'),
      h('dd', {}, e.list_name),
      h('dt', {}, '认定依据'),
      h('dd', {}, e.basis),
      h('dt', {}, '决定文书'),
      h('dd', {}, e.decision_document || '—'),
      h('dt', {}, '有效期'),
      h('dd', {}, period(e.valid_from, e.valid_until)),
    ],
  };
}

function applicationForm(kind: TargetKind, id: number, evidence: RepairCondition[]): HTMLElement {
  const checks = evidence.map((c) => {
    const box = h('input', { type: 'checkbox', name: c.code, required: true });
    return { key: c.code.slice(EVIDENCE_PREFIX.length), box, el: h('label', { class: 'check' }, box, h('span', {}, declarationText(c))) };
  });
  const name = h('input', { name: 'applicant_name', required: true, maxlength: 200, autocomplete: 'organization' });
  const contact = h('input', { name: 'applicant_contact', required: true, maxlength: 100, autocomplete: 'tel' });
  const materials = h('textarea', { name: 'materials', rows: 4, maxlength: 4000 });
  const error = alertBox();
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交信用修复申请');
  const form = h(
    'form',
    { class: 'stack', 'aria-labelledby': 'apply-h' },
    h('fieldset', {}, h('legend', {}, '申请人声明（须全部勾选）'), checks.map((c) => c.el)),
    field('申请人名称', name, '信用主体名称或其委托的代理人'),
    field('联系方式', contact, '电话或电子邮箱，用于告知审核结果'),
    field('证明材料', materials, '每行写一份材料的名称，例如“罚款缴纳凭证”；原件请按通知提交'),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const unchecked = checks.find((c) => !c.box.checked);
    if (unchecked) {
      error.textContent = '请逐项确认申请人声明';
      unchecked.box.focus();
      return;
    }
    if (!name.value.trim() || !contact.value.trim()) {
      error.textContent = '请填写申请人名称和联系方式';
      (name.value.trim() ? contact : name).focus();
      return;
    }
    submit.disabled = true;
    try {
      const filed = await api<Repair>('POST', '/api/v1/repairs', {
        target_kind: kind,
        target_id: id,
        applicant_name: name.value.trim(),
        applicant_contact: contact.value.trim(),
        evidence: Object.fromEntries(checks.map((c) => [c.key, c.box.checked])),
        materials: materials.value
          .split('\n')
          .map((m) => m.trim())
          .filter(Boolean),
      });
      const trackUrl = withQuery('/repairs/track', { id: filed.id, token: filed.token });
      form.hidden = true;
      result.replaceChildren(
        h('h3', { tabindex: -1 }, '信用修复申请已提交'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '申请编号'),
          h('dd', { class: 'code', 'data-testid': 'repair-id' }, String(filed.id)),
          h('dt', {}, '查询码'),
          h('dd', { class: 'code', 'data-testid': 'repair-token' }, filed.token ?? ''),
          h('dt', {}, '审核期限'),
          h('dd', {}, due(filed.review_due, 'review_due', filed.provisional_dates)),
        ),
        h('p', { class: 'hint' }, '请妥善保存申请编号和查询码，查询码只显示这一次；遗失的，可在进度查询页凭编号和所留联系方式重新获取。'),
        h('p', {}, h('a', { href: trackUrl, 'data-link': true }, '查询信用修复进度')),
      );
      (result.querySelector('h3') as HTMLElement).focus();
    } catch (err) {
      error.textContent = messageOf(err);
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'apply-h' }, h('h2', { id: 'apply-h' }, '提交申请'), form, result);
}
