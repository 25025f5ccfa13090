import { api, download, saveBlob } from '../../api';
import { alertBox, append, field, h, statusBox } from '../../dom';
import { chinaTime } from '../../format';
import type { ConsoleContext } from './context';

interface ReportKinds {
  kinds: Array<{ code: string; name: string; title: string; chooses_period: boolean }>;
  purposes: Array<{ code: string; name: string }>;
  fields: Array<{ code: string; name: string }>;
  max_years: number;
  validity_days: number;
}

interface ReportRecord {
  record_id: number;
  item_name: string;
  key: string;
  decision_date: string;
  state: string;
}

interface ReportDocument {
  content: {
    number: string;
    title: string;
    purpose: { code: string; name: string };
    subject: { name: string; code: string };
    issued_at: string;
    valid_until: string;
    period: { from: string; to: string; years: number } | null;
    fields: string[];
    sections: Array<{
      code: string;
      name: string;
      note: string | null;
      records: ReportRecord[];
      lists: Array<{ list_kind: string; basis: string; valid_from: string; valid_until: string; state: string }>;
      commitments?: Array<{ code: string; kind_name: string; matter: string; made_on: string; status: string }>;
      evaluation?: { grade: string; label: string; score: number; model: string } | null;
    }>;
  };
  digest: string;
  signature: string;
  key_id: string;
  public_key: string;
}

interface ReportSummary {
  number: string;
  kind_name: string;
  purpose_name: string;
  issued_at: string;
  valid_until: string;
}

const LIST_NAME: Record<string, string> = { red: '红名单', serious: '严重失信主体名单' };

// 信用报告: a company asks for its 专项信用报告 (替代有无违法违规记录证明) or 公共信用信息报告,
// reads it, prints it and downloads the signed file; the office issues one at the counter and an
// institution under the company's authorisation. Each has a number anyone can verify.
export async function reportsSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const role = ctx.me.role;
  const status = statusBox();
  let kinds: ReportKinds;
  try {
    kinds = await api<ReportKinds>('GET', '/api/v1/report-kinds');
  } catch (e) {
    status.textContent = (e as Error).message;
    panel.append(status);
    return;
  }
  const list = h('ul', { class: 'records' });
  const shown = h('div', { 'aria-live': 'polite' });
  const subjectCode = h('input', { name: 'report-subject', maxlength: 18, autocomplete: 'off' });
  append(panel, [
    h('p', { class: 'hint' }, `信用报告按出具当日的公示信息生成，加盖平台电子签名，有效期${kinds.validity_days}天；任何人可凭报告编号在“信用报告核验”页核验。`),
    role === 'auditor' ? null : requestForm(),
    role === 'subject' ? null : h('form', { class: 'search', 'aria-label': '查看主体的信用报告' }, field('信用主体代码', subjectCode), h('button', { type: 'submit' }, '查看报告')),
    status,
    list,
    shown,
  ]);
  panel.querySelector('form[aria-label="查看主体的信用报告"]')?.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  if (role === 'subject') await load();

  async function load(): Promise<void> {
    if (role === 'institution') return;
    const code = subjectCode.value.trim();
    if (role !== 'subject' && !code) return;
    try {
      const page = await api<{ items: ReportSummary[] }>('GET', `/api/v1/reports${role === 'subject' ? '' : `?subject=${encodeURIComponent(code)}`}`, undefined, true);
      status.textContent = '';
      list.replaceChildren(...page.items.map(item));
      if (page.items.length === 0) list.append(h('li', { class: 'empty' }, '暂无信用报告'));
    } catch (e) {
      status.textContent = (e as Error).message;
    }
  }

  function item(r: ReportSummary): HTMLElement {
    const open = h('button', { type: 'button' }, `查看报告 ${r.number}`);
    open.addEventListener('click', async () => {
      try {
        show(await api<ReportDocument>('GET', `/api/v1/reports/${r.number}`, undefined, true));
      } catch (e) {
        status.textContent = (e as Error).message;
      }
    });
    return h('li', { class: 'record', 'data-report': r.number }, h('h3', {}, `${r.kind_name}（${r.purpose_name}）`), h('p', {}, `报告编号 ${r.number}，出具于 ${chinaTime(r.issued_at)}，有效期至 ${r.valid_until}`), open);
  }

  function requestForm(): HTMLElement {
    const kind = h('select', { name: 'report-kind' }, kinds.kinds.map((k) => h('option', { value: k.code }, k.name)));
    const purpose = h('select', { name: 'report-purpose' }, kinds.purposes.map((p) => h('option', { value: p.code }, p.name)));
    const years = h('select', { name: 'report-years' }, Array.from({ length: kinds.max_years }, (_, i) => h('option', { value: String(i + 1), selected: i === 2 ? true : null }, `近${i + 1}年`)));
    const boxes = kinds.fields.map((f) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'report-field', value: f.code }), f.name));
    const fieldset = h('fieldset', {}, h('legend', {}, '领域（不选即全部领域）'), boxes);
    const code = h('input', { name: 'report-for', maxlength: 18, autocomplete: 'off' });
    const err = alertBox();
    const send = h('button', { type: 'submit', class: 'primary' }, '出具信用报告');
    const sync = (): void => {
      const chooses = kinds.kinds.find((k) => k.code === kind.value)?.chooses_period ?? false;
      years.disabled = !chooses;
      fieldset.hidden = !chooses;
    };
    kind.addEventListener('change', sync);
    sync();
    const form = h(
      'form',
      { class: 'stack panel', 'aria-labelledby': 'report-h' },
      h('h3', { id: 'report-h' }, role === 'subject' ? '申请本单位信用报告' : '出具信用报告'),
      role === 'subject' ? null : field('信用主体统一社会信用代码', code),
      field('报告种类', kind),
      field('用途', purpose),
      field('报告期间', years),
      fieldset,
      send,
      err,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      err.textContent = '';
      const chooses = kinds.kinds.find((k) => k.code === kind.value)?.chooses_period ?? false;
      const body: Record<string, unknown> = { kind: kind.value, purpose: purpose.value };
      if (role !== 'subject') body.subject = code.value.trim();
      if (chooses) {
        body.years = Number(years.value);
        body.fields = boxes.map((b) => b.querySelector('input')!).filter((i) => i.checked).map((i) => i.value);
      }
      send.disabled = true;
      try {
        const doc = await api<ReportDocument>('POST', '/api/v1/reports', body, true);
        show(doc);
        if (role !== 'subject') subjectCode.value = code.value.trim();
        await load();
      } catch (x) {
        err.textContent = (x as Error).message;
      } finally {
        send.disabled = false;
      }
    });
    return form;
  }

  // The report as a page: header, each section, the signature block; print and download.
  function show(doc: ReportDocument): void {
    const c = doc.content;
    const print = h('button', { type: 'button' }, '打印');
    print.addEventListener('click', () => window.print());
    const pdf = h('button', { type: 'button' }, '下载PDF');
    pdf.addEventListener('click', () => void download(`/api/v1/reports/${c.number}/pdf`, `信用报告-${c.number}.pdf`));
    const save = h('button', { type: 'button' }, '下载报告文件');
    save.addEventListener('click', () => saveBlob(new Blob([JSON.stringify(doc)], { type: 'application/json' }), `信用报告-${c.number}.json`));
    shown.replaceChildren(
      h(
        'article',
        { class: 'panel report', 'data-report-number': c.number, 'aria-labelledby': 'report-title' },
        h('h3', { id: 'report-title' }, c.title),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '报告编号'),
          h('dd', { class: 'code' }, c.number),
          h('dt', {}, '信用主体'),
          h('dd', {}, `${c.subject.name}（${c.subject.code}）`),
          h('dt', {}, '用途'),
          h('dd', {}, c.purpose.name),
          c.period ? [h('dt', {}, '报告期间'), h('dd', {}, `${c.period.from} 至 ${c.period.to}`)] : null,
          c.fields.length ? [h('dt', {}, '领域'), h('dd', {}, c.fields.join('、'))] : null,
          h('dt', {}, '出具时间'),
          h('dd', {}, chinaTime(c.issued_at)),
          h('dt', {}, '有效期至'),
          h('dd', {}, c.valid_until),
        ),
        c.sections.map((s) =>
          h(
            'section',
            { 'data-section': s.code },
            h('h4', {}, s.name),
            s.note ? h('p', {}, s.note) : null,
            s.records.length ? h('ul', {}, s.records.map((r) => h('li', {}, `${r.item_name} ${r.key}，决定日期 ${r.decision_date}`, ' ', h('span', { class: r.state === '在公示期' ? 'badge' : 'badge danger' }, r.state)))) : null,
            s.lists.length ? h('ul', {}, s.lists.map((e) => h('li', {}, `${LIST_NAME[e.list_kind] ?? e.list_kind}：${e.basis}（${e.valid_from} 至 ${e.valid_until || '移出之日'}）${e.state === '在列' ? '' : ` ${e.state}`}`))) : null,
            s.commitments && s.commitments.length ? h('ul', {}, s.commitments.map((x) => h('li', {}, `${x.kind_name}：${x.matter}（${x.code}，${x.made_on}）`))) : null,
            s.evaluation ? h('p', {}, `公共信用综合评价：${s.evaluation.grade}级（${s.evaluation.label}），${s.evaluation.score.toFixed(1)}分`) : null,
          ),
        ),
        h('p', { class: 'hint breakall' }, `内容摘要 SHA-256：${doc.digest}；平台签名（Ed25519，密钥 ${doc.key_id}）：${doc.signature}`),
        h('p', {}, h('a', { href: `/reports/verify?number=${c.number}`, 'data-link': true }, '核验本报告'), ' ', pdf, ' ', print, ' ', save),
      ),
    );
  }
}
