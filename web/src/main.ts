import './style.css';
import { fallback, route, start, type Render } from './router';
import { h } from './dom';
import { homePage } from './pages/home';
import { subjectPage } from './pages/subject';
import { trackPage } from './pages/track';

route('/', homePage);
route('/subjects/{code}', subjectPage);
route('/objections/track', trackPage);
// The console is a chunk of its own: the public pages do not load it.
const consolePage: Render = async (main, params, query) => (await import('./pages/console')).consolePage(main, params, query);
route('/console', consolePage);
route('/console/{section}', consolePage);
fallback((main) => {
  main.append(
    h('h1', {}, '页面不存在'),
    h('p', {}, '您访问的页面不存在。'),
    h('p', {}, h('a', { href: '/', 'data-link': true }, '返回信用查询首页')),
  );
});
start();
