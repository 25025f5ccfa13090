import './style.css';
import { fallback, route, start, type Render } from './router';
import { h } from './dom';
import { chinaTime } from './format';
import { homePage } from './pages/home';
import { searchPage } from './pages/search';
import { listPage } from './pages/lists';
import { publicityPage } from './pages/publicity';
import { subjectPage } from './pages/subject';
import { trackPage } from './pages/track';
import { repairGuidePage } from './pages/repair-guide';
import { repairPage } from './pages/repair';
import { repairTrackPage } from './pages/repair-track';
import { tipPage } from './pages/tip';
import { tipTrackPage } from './pages/tip-track';
import { casePage, casesPage } from './pages/cases';
import { commitmentsPage } from './pages/commitments';
import { reportVerifyPage } from './pages/report-verify';

route('/', homePage);
route('/search', searchPage);
route('/lists/red', listPage('red'));
route('/lists/serious', listPage('serious'));
route('/publicity', publicityPage);
route('/subjects/{code}', subjectPage);
route('/objections/track', trackPage);
route('/repairs', repairGuidePage);
route('/repairs/apply', repairPage);
route('/repairs/track', repairTrackPage);
route('/tips/new', tipPage);
route('/tips/track', tipTrackPage);
route('/cases', casesPage);
route('/cases/{id}', casePage);
route('/commitments', commitmentsPage);
route('/reports/verify', reportVerifyPage);
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

// A demonstration platform may run with a shifted clock (serve --clock): every page's footer
// says so, with the time the platform uses.
void fetch('/readyz')
  .then((r) => (r.ok ? r.json() : null))
  .then((ready: { clock?: { shifted?: boolean; now?: string } } | null) => {
    if (!ready?.clock?.shifted) return;
    const footer = document.querySelector('.site-footer .wrap');
    footer?.append(
      h(
        'p',
        { class: 'clock-shifted', 'data-testid': 'clock-shifted' },
        `演示平台：时钟已调整，所有日期和期限按 ${chinaTime(ready.clock.now)}（北京时间）计算。`,
      ),
    );
  })
  .catch(() => undefined);
