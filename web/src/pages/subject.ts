import { api, ApiError, type Filed, type PublicEntry, type PublicRecord, type PublicSubject } from '../api';
import { alertBox, field, h, statusBox } from '../dom';
import { due } from '../format';
import { label, NATURE, RECORD_FIELDS, SUBJECT_KIND } from '../labels';
import { repairHref } from './repair';

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

  const sections: Array<HTMLElement | null> = [
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'basic-h' },
      h('h2', { id: 'basic-h' }, '基本信息'),
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
      ),
    ),
    recordsSection('行政处罚', 'cf', page.records.filter((r) => r.item.code === 'CF'), code),
    recordsSection('行政许可', 'xk', page.records.filter((r) => r.item.code === 'XK'), code),
    recordsSection('其他公示信息', 'other', page.records.filter((r) => r.item.code !== 'CF' && r.item.code !== 'XK'), code, true),
    listsSection(page.lists, code),
    objectionSection(page),
  ];
  main.append(...sections.filter((x): x is HTMLElement => x !== null));
}

// The entry point of credit repair (信用修复) for one public record or list entry.
function repairLink(code: string, kind: 'record' | 'list_entry', id: number, what: string): HTMLElement {
  return h(
    'p',
    { class: 'item-actions' },
    h('a', { href: repairHref(code, kind, id), 'data-link': true, 'aria-label': `申请信用修复：${what}` }, '申请信用修复'),
  );
}

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
  const title = String(r.fields['CF_WSH'] ?? r.fields['XK_WSH'] ?? `${r.item.name} ${r.id}`);
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
    r.nature === 'minor' || r.nature === 'serious' ? repairLink(code, 'record', r.id, title) : null,
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
              h('h3', {}, e.list_name, e.disputed ? h('span', { class: 'badge danger' }, '异议处理中') : null),
              h(
                'dl',
                { class: 'facts' },
                h('dt', {}, '认定依据'),
                h('dd', {}, e.basis),
                h('dt', {}, '决定文书'),
                h('dd', {}, e.decision_document || '—'),
                h('dt', {}, '有效期'),
                h('dd', {}, `${e.valid_from} 至 ${e.valid_until ?? '长期'}`),
                h('dt', {}, '名单编号'),
                h('dd', {}, String(e.id)),
              ),
              // A red-list entry is an honour: nothing to repair.
              e.list_kind === 'red' ? null : repairLink(code, 'list_entry', e.id, `${e.list_name} ${e.decision_document || e.id}`),
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
  const error = alertBox();
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交异议');
  const form = h(
    'form',
    { class: 'stack', 'aria-labelledby': 'obj-h' },
    field('异议的公示信息', target),
    field('提出人身份', filerKind),
    field('提出人名称', name),
    field('联系方式', contact, '电话或电子邮箱，用于告知办理结果'),
    field('异议理由', reasons, '请写明哪项信息有误以及理由'),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const t = targets[Number(target.value)];
    submit.disabled = true;
    try {
      const filed = await api<Filed>('POST', '/api/v1/objections', {
        target_kind: t.kind,
        target_id: t.id,
        filer_kind: filerKind.value,
        filer_name: name.value.trim(),
        filer_contact: contact.value.trim(),
        reasons: reasons.value.trim(),
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
        h('p', { class: 'hint' }, '请妥善保存异议编号和查询码，查询码只显示这一次。'),
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
