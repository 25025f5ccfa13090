// A small history router: a route is a path pattern with {param} segments and a render
// function. Links with data-link navigate without reloading the page.
export type Params = Record<string, string>;
export type Render = (main: HTMLElement, params: Params, query: URLSearchParams) => void | Promise<void>;

interface Route {
  parts: string[];
  render: Render;
}

const routes: Route[] = [];
let notFound: Render = () => {};

export function route(pattern: string, render: Render): void {
  routes.push({ parts: pattern.split('/').filter(Boolean), render });
}
export function fallback(render: Render): void {
  notFound = render;
}

function match(path: string): { render: Render; params: Params } {
  const parts = path.split('/').filter(Boolean);
  for (const r of routes) {
    if (r.parts.length !== parts.length) continue;
    const params: Params = {};
    let ok = true;
    r.parts.forEach((p, i) => {
      if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = decodeURIComponent(parts[i]);
      else if (p !== parts[i]) ok = false;
    });
    if (ok) return { render: r.render, params };
  }
  return { render: notFound, params: {} };
}

// Shows `url`; the promise settles once the new page is rendered.
export function navigate(url: string, replace = false): Promise<void> {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  return render();
}

export async function render(): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  const { render: r, params } = match(location.pathname);
  while (leaving.length) leaving.pop()!();
  main.replaceChildren();
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    // A link is the current page, or the current part of the site on its sub-pages (工作台 on
    // /console/…, 信用修复 on /repairs/track).
    const path = new URL(a.href).pathname;
    if (path === location.pathname) a.setAttribute('aria-current', 'page');
    else if (path !== '/' && location.pathname.startsWith(path + '/')) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
  await r(main, params, new URLSearchParams(location.search));
  const heading = pageHeading();
  if (heading) {
    document.title = `${heading.textContent} - 信用信息公示`;
  }
}

// What a page must undo when another page replaces it (timers, observers, charts).
const leaving: Array<() => void> = [];
export function onLeave(fn: () => void): void {
  leaving.push(fn);
}

// The heading that names the page: one marked data-page-title (a console section), else the h1.
function pageHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#main [data-page-title]') ?? document.querySelector<HTMLElement>('#main h1');
}

// Moves focus to the new page's heading so that keyboard and screen-reader users follow.
export function focusMain(): void {
  // A link to a part of a page (/search#person) goes to that part.
  const part = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const heading = part ?? pageHeading();
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }
}

export function start(): void {
  document.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void navigate(a.getAttribute('href') ?? '/').then(focusMain);
  });
  window.addEventListener('popstate', () => void render());
  void render();
}
