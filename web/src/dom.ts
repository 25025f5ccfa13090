// A small element builder: text always goes in as text, never as HTML.
export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// A polite live region: screen readers announce what is put in it.
export function statusBox(): HTMLParagraphElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

export function alertBox(): HTMLParagraphElement {
  return h('p', { class: 'alert', role: 'alert' });
}

// A file input whose button and "nothing chosen" text are the page's own (Chinese), not the
// browser's, which follow its UI language. The input stays in the page, visually hidden, so that
// its label, the keyboard and the form still reach it; the visible button opens it.
export function filePicker(input: HTMLInputElement): HTMLElement {
  input.classList.add('visually-hidden');
  const chosen = h('span', { class: 'file-chosen', 'aria-hidden': 'true' }, '未选择文件');
  const button = h('button', { type: 'button', class: 'small', 'aria-hidden': 'true', tabindex: -1 }, '选择文件');
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const names = [...(input.files ?? [])].map((f) => f.name);
    chosen.textContent = names.length === 0 ? '未选择文件' : names.join('、');
  });
  return h('span', { class: 'file-picker' }, input, button, chosen);
}

// A labelled form field; `input` gets an id so that the label points at it.
let fieldSerial = 0;
export function field(label: string, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string): HTMLDivElement {
  const id = input.id || `f${++fieldSerial}`;
  input.id = id;
  const control = input instanceof HTMLInputElement && input.type === 'file' ? filePicker(input) : input;
  const parts: Child[] = [h('label', { for: id }, label), control];
  if (hint) {
    const hintId = `${id}-hint`;
    input.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}
