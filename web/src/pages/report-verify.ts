import { api, ApiError } from '../api';
import { alertBox, field, h, statusBox } from '../dom';
import { chinaTime, messageOf } from '../format';
import { withQuery } from '../pager';
import { navigate } from '../router';

interface Verdict {
  number: string;
  status: 'valid' | 'expired' | 'revoked';
  reasons: string[];
  title: string;
  subject: string;
  issued_at: string;
  valid_until: string;
  digest: string;
  signature: string;
  key_id: string;
  public_key: string;
}

const STATUS: Record<Verdict['status'], string> = { valid: '有效', expired: '已过有效期', revoked: '已撤销' };

// 信用报告核验 (/reports/verify?number=…): anyone holding a report checks it by its number — what
// it is, whether it still stands, and the signed digest to compare with the copy in hand.
export async function reportVerifyPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const number = (query.get('number') ?? '').trim();
  const input = h('input', { id: 'report-number', name: 'number', value: number, maxlength: '20', autocomplete: 'off', placeholder: '如 XY20261208000001' }) as HTMLInputElement;
  const form = h('form', { class: 'search', role: 'search', 'aria-label': '按报告编号核验' }, field('报告编号', input), h('button', { type: 'submit' }, '核验'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void navigate(withQuery('/reports/verify', { number: input.value.trim() }));
  });
  const status = statusBox();
  const body = h('div');
  main.append(
    h('h1', {}, '信用报告核验'),
    h('p', { class: 'lead' }, '输入信用报告上的报告编号，核验报告是否由本平台出具、是否仍然有效。报告所列信息被依法撤销的，报告显示为已撤销。'),
    form,
    status,
    body,
  );
  if (!number) return;
  status.textContent = '正在核验…';
  try {
    const v = await api<Verdict>('GET', `/api/v1/reports/${encodeURIComponent(number)}/verify`);
    status.textContent = '';
    body.append(
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'verdict-h', 'data-report-status': v.status },
        h('h2', { id: 'verdict-h' }, `${v.title} `, h('span', { class: v.status === 'valid' ? 'badge' : 'badge danger' }, STATUS[v.status])),
        v.reasons.length ? h('ul', {}, v.reasons.map((r) => h('li', {}, r))) : null,
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '报告编号'),
          h('dd', { class: 'code' }, v.number),
          h('dt', {}, '信用主体'),
          h('dd', {}, v.subject),
          h('dt', {}, '出具时间'),
          h('dd', {}, chinaTime(v.issued_at)),
          h('dt', {}, '有效期至'),
          h('dd', {}, v.valid_until),
          h('dt', {}, '内容摘要（SHA-256）'),
          h('dd', { class: 'code breakall' }, v.digest),
          h('dt', {}, '平台签名公钥'),
          h('dd', { class: 'code breakall' }, `${v.public_key}（${v.key_id}）`),
        ),
        h('p', { class: 'hint' }, '下载的报告文件也可用平台公布的公钥离线核验，内容摘要应与上面一致。'),
      ),
    );
  } catch (e) {
    status.textContent = '';
    const err = alertBox();
    err.textContent = e instanceof ApiError && e.status === 404 ? `没有编号为 ${number} 的信用报告。` : messageOf(e);
    body.append(err);
  }
}
