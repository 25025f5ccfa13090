import type { PublicCommitment } from '../public-types';
import { api, ApiError, type Filed, type PublicEntry, type PublicRecord, type PublicSubject } from '../api';
import { alertBox, field, h, statusBox } from '../dom';
import { due } from '../format';
import { label, NATURE, RECORD_FIELDS, SUBJECT_KIND } from '../labels';
import { repairHref } from './repair';
import { base64Of } from '../files';
import { commitmentCard } from './commitments';

// 主体信用信息: what the public may see of an organisation, and the objection form.
export async function subjectPage(outer: HTMLElement, params: Record<string, string>): Promise<void> {
  // A box of this page: an answer arriving after the user has moved on lands in a detached box.
  const main = h('div');
  outer.append(main);
  const code = params.code;
  const status = statusBox();
  main.append(h('h1', {}, '主体信用信息'), status);
  status.textContent = '正在查询…';
  let page: PublicSubject;
  try {
    page = await api<PublicSubject>('GET', `/api/v1/public/subjects/${encodeURIComponent(code)}`);
  } catch (e) {
    status.textContent = '';
    const msg = e instanceof ApiError && e.status === 404 ? `未找到统一社会信用代码为 ${code} 的公示主体。` : (e as Error).message;
    main.append(
      alertBox(),
      h('p', {}, h('a', { href: '/', 'data-link': true }, '重新查询')),
      h('p', { class: 'hint' }, '自然人没有公开的信用信息页面，请使用', h('a', { href: '/search#person', 'data-link': true }, '自然人查询'), '。'),
    );
    (main.querySelector('.alert') as HTMLElement).textContent = msg;
    return;
  }
  status.textContent = '';
  const s = page.subject;
  main.querySelector('h1')!.textContent = s.name;
  const ids = s.identifiers.map((i) => (typeof i === 'string' ? i : i.value));
  // 登记注册基本信息 from the registration authority, shown first as 信用中国 does (the newest).
  const registration = page.records.filter((r) => r.item.code === 'DJ').sort((a, b) => b.decision_date.localeCompare(a.decision_date))[0];
  const registered = registration
    ? REGISTRATION_FIELDS.filter(([k]) => registration.fields[k] !== undefined && registration.fields[k] !== '').flatMap(([k, name]) => [
        h('dt', {}, name),
        h('dd', { 'data-field': k }, String(registration.fields[k])),
      ])
    : [];

  const sections: Array<HTMLElement | null> = [
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'basic-h' },
      h('h2', { id: 'basic-h' }, '基本信息', registration?.disputed_label ? h('span', { class: 'badge danger', title: '该信息正在异议核查中' }, registration.disputed_label) : null),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '名称'),
        h('dd', {}, s.name),
        h('dt', {}, '统一社会信用代码'),
        h('dd', { class: 'code' }, ids.join('、') || code),
        h('dt', {}, '主体类别'),
        h('dd', {}, label(SUBJECT_KIND, s.kind)),
        h('dt', {}, '所属地区'),
        h('dd', {}, s.region || '—'),
        registered,
      ),
      registration
        ? [
            h('p', { class: 'hint' }, `登记信息来源：${String(registration.fields['DJ_SJLY'] ?? registration.fields['DJ_DJJG'] ?? '登记机关')}，核准日期 ${registration.decision_date}`),
            itemActions(code, 'record', registration.id, '登记注册基本信息', false),
          ]
        : h('p', { class: 'hint' }, '本平台尚未收到该主体的登记注册信息。'),
    ),
    recordsSection('行政处罚', 'cf', page.records.filter((r) => r.item.code === 'CF'), code),
    recordsSection('行政许可', 'xk', page.records.filter((r) => r.item.code === 'XK'), code),
    recordsSection('其他公示信息', 'other', page.records.filter((r) => !['CF', 'XK', 'DJ'].includes(r.item.code)), code, true),
    listsSection(page.lists, code),
    commitmentsSection(page.commitments ?? []),
    objectionSection(page),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'tip-h' },
      h('h2', { id: 'tip-h' }, '举报失信行为'),
      h('p', {}, '发现该主体存在违法失信行为的，可以向信用办举报，举报人信息严格保密。'),
      h('p', {}, h('a', { href: `/tips/new?subject=${encodeURIComponent(code)}`, 'data-link': true }, '举报该主体')),
    ),
  ];
  main.append(...sections.filter((x): x is HTMLElement => x !== null));
}

// What the registration shows, in 信用中国's order.
const REGISTRATION_FIELDS: Array<[string, string]> = [
  ['DJ_FRDB', '法定代表人'],
  ['DJ_QYLX', '企业类型'],
  ['DJ_CLRQ', '成立日期'],
  ['DJ_DJZT', '登记状态'],
  ['DJ_ZCZB', '注册资本'],
  ['DJ_DJJG', '登记机关'],
  ['DJ_ZS', '住所'],
  ['DJ_JYFW', '经营范围'],
];

// The entry point of credit repair (信用修复) for one public record or list entry.
// Each record and list entry's own actions: 提出异议 fills the objection form with it; 申请信用修复
// for a failing (失信) one.
function itemActions(code: string, kind: 'record' | 'list_entry', id: number, what: string, repair: boolean): HTMLElement {
  const object = h('button', { type: 'button', class: 'link-button', 'aria-label': `提出异议：${what}` }, '提出异议');
  object.addEventListener('click', () => chooseObjection?.(kind, id));
  return h(
    'p',
    { class: 'item-actions' },
    object,
    repair ? h('a', { href: repairHref(code, kind, id), 'data-link': true, 'aria-label': `申请信用修复：${what}` }, '申请信用修复') : null,
  );
}

// Set by the objection form of the page being shown: selects what an objection is about.
let chooseObjection: ((kind: string, id: number) => void) | null = null;

function recordsSection(title: string, id: string, records: PublicRecord[], code: string, hideWhenEmpty = false): HTMLElement | null {
  if (hideWhenEmpty && records.length === 0) return null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, `${title}（${records.length}）`),
    records.length === 0 ? h('p', { class: 'empty' }, `暂无公示的${title}信息`) : h('ul', { class: 'records' }, records.map((r) => recordCard(r, code))),
  );
}

function recordCard(r: PublicRecord, code: string): HTMLElement {
  const rows = RECORD_FIELDS.filter(([k]) => r.fields[k] !== undefined && r.fields[k] !== '').flatMap(([k, name]) => [
    h('dt', {}, name),
    h('dd', {}, String(r.fields[k])),
  ]);
  const promised = r.fields['CN_CNBM'] ? `${r.item.name}（承诺编码 ${String(r.fields['CN_CNBM'])}）` : undefined;
  const title = String(r.fields['CF_WSH'] ?? r.fields['XK_WSH'] ?? promised ?? `${r.item.name} ${r.id}`);
  return h(
    'li',
    { class: 'record' },
    h(
      'h3',
      {},
      title,
      r.disputed_label ? h('span', { class: 'badge danger', title: '该信息正在异议核查中' }, r.disputed_label) : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '信息类别'),
      h('dd', {}, `${r.item.name}${r.nature ? `（${label(NATURE, r.nature)}）` : ''}`),
      h('dt', {}, '决定日期'),
      h('dd', {}, r.decision_date),
      rows,
      h('dt', {}, '公示期'),
      h('dd', {}, `${r.display.from} 至 ${r.display.until ?? '长期'}`),
      h('dt', {}, '记录编号'),
      h('dd', {}, String(r.id)),
    ),
    // Only records that are a failing (失信) may be repaired.
    itemActions(code, 'record', r.id, title, r.nature === 'minor' || r.nature === 'serious'),
  );
}

// 信用承诺: the subject's published commitments and whether each was kept.
function commitmentsSection(commitments: PublicCommitment[]): HTMLElement | null {
  if (commitments.length === 0) return null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'commitments-h' },
    h('h2', { id: 'commitments-h' }, `信用承诺（${commitments.length}）`),
    h('ul', { class: 'records' }, commitments.map((c) => commitmentCard(c, false))),
  );
}

function listsSection(lists: PublicEntry[], code: string): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'lists-h' },
    h('h2', { id: 'lists-h' }, `红黑名单（${lists.length}）`),
    lists.length === 0
      ? h('p', { class: 'empty' }, '未列入红名单或严重失信主体名单')
      : h(
          'ul',
          { class: 'records' },
          lists.map((e) =>
            h(
              'li',
              { class: `record ${e.list_kind === 'red' ? 'red-list' : 'black-list'}` },
              h(
                'h3',
                {},
                e.list_name,
                e.disputed_label ? h('span', { class: 'badge danger', title: '该信息正在异议核查中' }, e.disputed_label) : null,
              ),
              h(
                'dl',
                { class: 'facts' },
                h('dt', {}, '认定依据'),
                h('dd', {}, e.basis),
                h('dt', {}, '决定文书'),
                h('dd', {}, e.decision_document || '—'),
                h('dt', {}, '有效期'),
                h('dd', {}, `${e.valid_from} 至 ${e.valid_until ?? '—'}`),
                h('dt', {}, '名单编号'),
                h('dd', {}, String(e.id)),
              ),
              // A red-list entry is an honour: nothing to repair.
              itemActions(code, 'list_entry', e.id, `${e.list_name} ${e.decision_document || e.id}`, e.list_kind !== 'red'),
            ),
          ),
        ),
  );
}

function objectionSection(page: PublicSubject): HTMLElement {
  const targets = [
    ...page.records.map((r) => ({ kind: 'record', id: r.id, text: `${r.item.name}：${String(r.fields['CF_WSH'] ?? r.fields['XK_WSH'] ?? r.id)}` })),
    ...page.lists.map((e) => ({ kind: 'list_entry', id: e.id, text: `${e.list_name}：${e.decision_document || e.id}` })),
  ];
  const section = h('section', { class: 'panel', 'aria-labelledby': 'obj-h' }, h('h2', { id: 'obj-h' }, '提出异议'));
  if (targets.length === 0) {
    section.append(h('p', { class: 'empty' }, '暂无可提出异议的公示信息'));
    return section;
  }
  const target = h('select', { name: 'target', required: true }, targets.map((t, i) => h('option', { value: String(i) }, t.text)));
  const filerKind = h(
    'select',
    { name: 'filer_kind' },
    h('option', { value: 'subject' }, '信息主体本人（本单位）'),
    h('option', { value: 'public' }, '社会公众'),
  );
  const name = h('input', { name: 'filer_name', required: true, autocomplete: 'name', maxlength: 200 });
  const contact = h('input', { name: 'filer_contact', required: true, autocomplete: 'tel', maxlength: 100 });
  const reasons = h('textarea', { name: 'reasons', required: true, rows: 4, maxlength: 2000 });
  const files = h('input', { name: 'attachments', type: 'file', multiple: true, accept: '.pdf,.jpg,.jpeg,.png' });
  const error = alertBox();
  chooseObjection = (kind, id) => {
    const i = targets.findIndex((t) => t.kind === kind && t.id === id);
    if (i < 0) return;
    target.value = String(i);
    section.scrollIntoView({ block: 'start' });
    name.focus();
  };
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交异议');
  const form = h(
    'form',
    { class: 'stack', 'aria-labelledby': 'obj-h' },
    field('异议的公示信息', target),
    field('提出人身份', filerKind),
    field('提出人名称', name),
    field('联系方式', contact, '手机号码、带区号的固定电话（如 025-12345678）或电子邮箱，用于告知办理结果'),
    field('异议理由', reasons, '请写明哪项信息有误以及理由'),
    field('证明材料', files, '可选，至多5个 PDF 或图片文件，每个不超过5 MB'),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const t = targets[Number(target.value)];
    const chosen = [...(files.files ?? [])];
    if (chosen.length > 5 || chosen.some((f) => f.size > 5 * 1024 * 1024 || f.size === 0)) {
      error.textContent = '证明材料至多5个，每个不超过5 MB';
      return;
    }
    submit.disabled = true;
    try {
      const attachments = await Promise.all(chosen.map(async (f) => ({ name: f.name, content_base64: await base64Of(f) })));
      const filed = await api<Filed>('POST', '/api/v1/objections', {
        target_kind: t.kind,
        target_id: t.id,
        filer_kind: filerKind.value,
        filer_name: name.value.trim(),
        filer_contact: contact.value.trim(),
        reasons: reasons.value.trim(),
        attachments,
      });
      const trackUrl = `/objections/track?id=${filed.id}&token=${encodeURIComponent(filed.token)}`;
      form.hidden = true;
      result.replaceChildren(
        h('h3', { tabindex: -1 }, '异议已提交'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '异议编号'),
          h('dd', { class: 'code', 'data-testid': 'objection-id' }, String(filed.id)),
          h('dt', {}, '查询码'),
          h('dd', { class: 'code', 'data-testid': 'objection-token' }, filed.token),
          h('dt', {}, '受理期限'),
          h('dd', {}, due(filed.accept_due, 'accept_due', filed.provisional_dates)),
          h('dt', {}, '办结期限'),
          h('dd', {}, due(filed.close_due, 'close_due', filed.provisional_dates)),
        ),
        h('p', { class: 'hint' }, '请妥善保存异议编号和查询码，查询码只显示这一次；遗失的，可在进度查询页凭编号和所留联系方式重新获取。'),
        h('p', {}, h('a', { href: trackUrl, 'data-link': true }, '查询办理进度')),
      );
      (result.querySelector('h3') as HTMLElement).focus();
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      submit.disabled = false;
    }
  });
  section.append(form, result);
  return section;
}
