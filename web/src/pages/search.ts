import { api, ApiError } from '../api';
import { alertBox, append, field, h, statusBox } from '../dom';
import { highlight, messageOf, subjectHref } from '../format';
import { citizenIdProblem, looksLikeUscc, normaliseCode } from '../ids';
import { pageParam, pager, pastLastPage, totalNote, withQuery } from '../pager';
import type { SearchAnswer, SearchItem } from '../public-types';
import { navigate } from '../router';
import { searchForm } from './home';

const PAGE_SIZE = 10;

const MATCH: Record<string, string> = {
  exact: '名称一致',
  prefix: '名称开头相符',
  substring: '名称包含',
  code: '代码一致',
};

// The message for a failed search: a polite one when the server limits the rate (HTTP 429).
function searchError(e: unknown): string {
  if (e instanceof ApiError && e.status === 429) {
    return e.retryAfter ? `查询过于频繁，请稍后再试（约${e.retryAfter}秒后）。` : '查询过于频繁，请稍后再试。';
  }
  return messageOf(e);
}

// 查询结果 (/search?q=&page=): subjects by name (simplified or traditional) or code, and the
// separate 自然人查询 form, whose answer is masked by the server and never links anywhere.
export async function searchPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const q = (query.get('q') ?? '').trim();
  const page = pageParam(query);
  const results = h('section', { class: 'panel', 'aria-labelledby': 'results-h' });
  append(main, [
    h('h1', {}, q ? '查询结果' : '信用主体查询'),
    h('div', { class: 'hero compact' }, searchForm(q)),
    q ? results : null,
    personSection(),
  ]);
  if (q) await companyResults(results, q, page);
}

async function companyResults(section: HTMLElement, q: string, page: number): Promise<void> {
  const status = statusBox();
  section.append(h('h2', { id: 'results-h' }, '企业和组织'), status);
  status.textContent = '正在查询…';
  let answer: SearchAnswer;
  try {
    answer = await api<SearchAnswer>('GET', withQuery('/api/v1/search', { q, page, size: PAGE_SIZE }));
  } catch (e) {
    status.textContent = '';
    const code = normaliseCode(q);
    if (e instanceof ApiError && e.status === 404 && looksLikeUscc(code)) {
      // A server without name search still finds a subject by its code.
      await navigate(subjectHref(code), true);
      return;
    }
    const err = alertBox();
    err.textContent = searchError(e);
    section.append(err);
    return;
  }
  status.textContent = '';
  const code = normaliseCode(q);
  if (answer.page === 1 && answer.total === 1 && answer.items[0]?.match === 'code' && looksLikeUscc(code)) {
    // A code names one subject: open its page directly.
    await navigate(subjectHref(answer.items[0].code), true);
    return;
  }
  const maxPage = answer.max_page ?? Math.max(1, Math.ceil(answer.total / answer.size));
  const normalised = answer.normalised && answer.normalised !== q ? answer.normalised : '';
  append(section, [
    normalised ? h('p', { class: 'hint' }, `已按“${normalised}”查询。`) : null,
  ]);
  if (answer.total === 0) {
    section.append(
      h('p', { class: 'empty', role: 'status' }, `未找到与“${q}”相关的企业或组织。`),
      h('p', { class: 'hint' }, '请检查名称是否有误，或改用统一社会信用代码查询。自然人请使用下方“自然人查询”。'),
    );
    return;
  }
  const href = (p: number): string => withQuery('/search', { q, page: p });
  if (answer.items.length === 0 && page > maxPage) {
    append(section, [totalNote(answer.total, answer.size, maxPage, '个', answer.capped), pastLastPage(maxPage, href)]);
    return;
  }
  append(section, [
    totalNote(answer.total, answer.size, maxPage, '个', answer.capped),
    h('ol', { class: 'results', start: (answer.page - 1) * answer.size + 1 }, answer.items.map((it) => resultItem(it, normalised || q))),
    pager(answer.page, maxPage, href, '查询结果分页'),
  ]);
}

function resultItem(it: SearchItem, needle: string): HTMLElement {
  return h(
    'li',
    { class: 'record' },
    h(
      'h3',
      {},
      h('a', { href: subjectHref(it.code), 'data-link': true }, highlight(it.name, needle)),
      ' ',
      MATCH[it.match] ? h('span', { class: 'badge' }, MATCH[it.match]) : null,
    ),
    h(
      'p',
      { class: 'meta' },
      h('span', {}, '统一社会信用代码 ', h('span', { class: 'code' }, it.code)),
      h('span', {}, it.kind_label || it.kind),
      it.region_name ? h('span', {}, it.region_name) : null,
    ),
  );
}

// 自然人查询: full name and 居民身份证号. The values never go into the page's address, and the
// form is emptied once the server has answered, so the typed name is not left on the screen.
function personSection(): HTMLElement {
  const name = h('input', { name: 'person_name', autocomplete: 'off', spellcheck: 'false', maxlength: 50, required: true });
  const idNumber = h('input', {
    name: 'person_id',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'characters',
    maxlength: 18,
    required: true,
  });
  const error = alertBox();
  const result = h('div', { class: 'person-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '查询自然人');
  const form = h(
    'form',
    { class: 'stack', 'aria-labelledby': 'person-h', autocomplete: 'off' },
    field('姓名', name, '请填写完整姓名'),
    field('身份证号', idNumber, '18位居民身份证号码'),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    result.replaceChildren();
    const n = name.value.trim();
    const id = normaliseCode(idNumber.value);
    name.removeAttribute('aria-invalid');
    idNumber.removeAttribute('aria-invalid');
    if (n.length < 2) {
      error.textContent = '请填写完整姓名';
      name.setAttribute('aria-invalid', 'true');
      name.focus();
      return;
    }
    const problem = citizenIdProblem(id);
    if (problem) {
      error.textContent = problem;
      idNumber.setAttribute('aria-invalid', 'true');
      idNumber.focus();
      return;
    }
    submit.disabled = true;
    try {
      const answer = await api<SearchAnswer>('GET', withQuery('/api/v1/search', { name: n, id_number: id }));
      name.value = '';
      idNumber.value = '';
      result.replaceChildren(personAnswer(answer.items[0]));
    } catch (err) {
      error.textContent = searchError(err);
    } finally {
      submit.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'person-h', id: 'person', tabindex: -1 },
    h('h2', { id: 'person-h' }, '自然人查询'),
    h('p', { class: 'hint' }, '自然人的信用信息不向社会公开，查询结果只显示经过遮蔽的姓名和证件号码。'),
    form,
    result,
  );
}

function personAnswer(it: SearchItem | undefined): HTMLElement {
  if (!it) {
    return h('p', { class: 'empty', role: 'status' }, '未找到与所填姓名和身份证号相符的自然人。查询后已清除您输入的姓名和身份证号。');
  }
  return h(
    'div',
    { class: 'record', 'data-testid': 'person-result' },
    h('h3', {}, it.name),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '姓名'),
      h('dd', {}, it.name),
      h('dt', {}, '身份证号'),
      h('dd', { class: 'code' }, it.code),
      h('dt', {}, '主体类别'),
      h('dd', {}, it.kind_label || '自然人'),
      it.region_name ? [h('dt', {}, '户籍地区'), h('dd', {}, it.region_name)] : null,
    ),
    h('p', { class: 'hint' }, '自然人没有公开的信用信息页面。本人可持有效身份证件到信用服务窗口查询本人信用信息。'),
    h('p', { class: 'hint' }, '为保护个人信息，查询后已清除您输入的姓名和身份证号。'),
  );
}
