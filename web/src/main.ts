import './style.css';
import { fallback, route, start } from './router';
import { h } from './dom';
import { homePage } from './pages/home';
import { subjectPage } from './pages/subject';
import { trackPage } from './pages/track';
import { consolePage } from './pages/console';

route('/', homePage);
route('/subjects/{code}', subjectPage);
route('/objections/track', trackPage);
route('/console', consolePage);
fallback((main) => {
  main.append(
    h('h1', {}, '页面不存在'),
    h('p', {}, '您访问的页面不存在。'),
    h('p', {}, h('a', { href: '/', 'data-link': true }, '返回信用查询首页')),
  );
});
start();
