import { api } from '../api';
import { alertBox, field, h } from '../dom';
import { base64Of } from '../files';
import { due } from '../format';
import type { FiledTip } from '../public-types';

const MAX_FILES = 5;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

// 我要举报 (/tips/new?subject=CODE): anyone reports dishonest behaviour of a subject. The page
// says first what happens to the tip and who sees the contact; the number and 查询码 are shown
// once, and nothing typed goes into the address or the browser's storage.
export function tipPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): void {
  const subject = h('input', { name: 'subject', required: true, maxlength: 200, autocomplete: 'off', value: query.get('subject') ?? '' });
  const facts = h('textarea', { name: 'facts', required: true, rows: 6, maxlength: 8000 });
  const files = h('input', { name: 'attachments', type: 'file', multiple: true, accept: '.pdf,.jpg,.jpeg,.png' });
  const name = h('input', { name: 'contact_name', maxlength: 200, autocomplete: 'name' });
  const contact = h('input', { name: 'contact', maxlength: 100, autocomplete: 'tel' });
  const error = alertBox();
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交举报');
  const form = h(
    'form',
    { class: 'stack', 'aria-label': '举报失信行为' },
    field('被举报主体', subject, '企业名称或统一社会信用代码'),
    field('举报事实', facts, '请写明时间、地点和具体行为；请勿在举报事实或附件中填写您的姓名、电话'),
    field('证据材料', files, `可选，至多${MAX_FILES}个 PDF 或图片文件，每个不超过5 MB`),
    h(
      'fieldset',
      {},
      h('legend', {}, '联系方式（可选，仅信用办可见）'),
      field('姓名', name),
      field('手机号码或电子邮箱', contact, '留下联系方式的，遗失查询码后可凭此重新获取；不留也可以匿名举报'),
    ),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!subject.value.trim()) {
      error.textContent = '请填写被举报主体的名称或统一社会信用代码';
      subject.focus();
      return;
    }
    if (!facts.value.trim()) {
      error.textContent = '请写明举报的事实';
      facts.focus();
      return;
    }
    const chosen = [...(files.files ?? [])];
    if (chosen.length > MAX_FILES || chosen.some((f) => f.size > MAX_FILE_BYTES || f.size === 0)) {
      error.textContent = `证据材料至多${MAX_FILES}个，每个不超过5 MB`;
      return;
    }
    const typed = contact.value.trim();
    const body: Record<string, unknown> = { subject: subject.value.trim(), facts: facts.value.trim() };
    if (typed || name.value.trim()) {
      body.contact = { name: name.value.trim(), [typed.includes('@') ? 'email' : 'phone']: typed };
    }
    submit.disabled = true;
    try {
      body.attachments = await Promise.all(chosen.map(async (f) => ({ name: f.name, content_base64: await base64Of(f) })));
      const filed = await api<FiledTip>('POST', '/api/v1/tips', body);
      form.hidden = true;
      result.replaceChildren(
        h('h2', { tabindex: -1 }, '举报已提交'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '举报编号'),
          h('dd', { class: 'code', 'data-testid': 'tip-id' }, String(filed.id)),
          h('dt', {}, '查询码'),
          h('dd', { class: 'code', 'data-testid': 'tip-token' }, filed.token),
          h('dt', {}, '转办期限'),
          h('dd', {}, due(filed.route_due, 'route_due', filed.provisional_dates)),
          h('dt', {}, '办结期限'),
          h('dd', {}, due(filed.total_due, 'total_due', filed.provisional_dates)),
        ),
        h('p', { class: 'hint' }, '请妥善保存举报编号和查询码，查询码只显示这一次；未留联系方式的，查询码遗失后无法补发。'),
        h('p', {}, h('a', { href: '/tips/track', 'data-link': true }, '查询办理进度')),
      );
      (result.querySelector('h2') as HTMLElement).focus();
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      submit.disabled = false;
    }
  });
  main.append(
    h('h1', {}, '我要举报'),
    h(
      'div',
      { class: 'panel' },
      h('p', {}, '举报提交后，信用办将在3个工作日内转交主管部门办理，主管部门应在15个工作日内作出立案、不予立案或移交的答复。'),
      h('p', {}, '您的姓名和联系方式只有信用办可以看到，不会告知主管部门和被举报主体。'),
    ),
    form,
    result,
  );
}
