import { alertBox, field, h } from '../dom';
import { focusMain, navigate } from '../router';

// 信用查询: search a subject by its 统一社会信用代码.
export function homePage(main: HTMLElement): void {
  const input = h('input', {
    type: 'search',
    name: 'code',
    inputmode: 'latin',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 18,
    required: true,
    placeholder: '例如 91320100748204660Q',
  });
  const error = alertBox();
  const form = h(
    'form',
    { class: 'search', role: 'search', 'aria-label': '按统一社会信用代码查询' },
    field('统一社会信用代码', input, '18位，由数字和大写字母组成'),
    h('button', { type: 'submit', class: 'primary' }, '查询'),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = input.value.replace(/\s+/g, '').toUpperCase();
    if (!/^[0-9A-Z]{18}$/.test(code)) {
      error.textContent = '请输入18位统一社会信用代码（数字和大写字母）';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    void navigate(`/subjects/${encodeURIComponent(code)}`).then(focusMain);
  });
  main.append(
    h('section', { class: 'hero' }, h('h1', {}, '信用信息查询'), h('p', { class: 'lead' }, '查询企业和组织的行政许可、行政处罚及红黑名单等公示信息。'), form),
    h(
      'section',
      { class: 'cards', 'aria-label': '办事指引' },
      h('article', { class: 'card' }, h('h2', {}, '信用公示'), h('p', {}, '“双公示”行政许可、行政处罚信息在公示期内向社会公开。')),
      h('article', { class: 'card' }, h('h2', {}, '异议申诉'), h('p', {}, '对公示信息有异议的，在主体页面提出，凭查询码跟踪办理进度。'), h('p', {}, h('a', { href: '/objections/track', 'data-link': true }, '查询异议办理进度'))),
    ),
  );
}
