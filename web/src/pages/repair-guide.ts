import { h } from '../dom';
import { searchForm } from './home';

// 信用修复 (/repairs): how to apply, and the way to the progress page.
export function repairGuidePage(main: HTMLElement): void {
  main.append(
    h('h1', {}, '信用修复'),
    h('p', { class: 'lead' }, '信用主体纠正失信行为、履行相关义务后，可以申请提前停止公示失信信息或移出严重失信主体名单。'),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'how-h' },
      h('h2', { id: 'how-h' }, '如何申请'),
      h(
        'ol',
        { class: 'guide' },
        h('li', {}, '查询本单位的信用信息，找到需要修复的行政处罚或名单信息。'),
        h('li', {}, '点击该条信息下的“申请信用修复”，查看各项修复条件是否满足。'),
        h('li', {}, '条件满足的，如实声明并填写材料后提交申请，记下申请编号和查询码。'),
        h('li', {}, '凭申请编号和查询码随时查询审核进度。'),
      ),
      h(
        'p',
        { class: 'hint' },
        '一般失信行政处罚信息最短公示3个月、严重失信行政处罚信息最短公示12个月后方可申请；责令停产停业、吊销许可证件等处罚公示期满后自动停止公示，不适用提前停止。提供虚假材料的，撤销修复并在一定期限内不得再次申请。',
      ),
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'find-h' }, h('h2', { id: 'find-h' }, '查询信用主体'), searchForm()),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'track-h' },
      h('h2', { id: 'track-h' }, '已提交申请'),
      h('p', {}, h('a', { href: '/repairs/track', 'data-link': true }, '查询信用修复进度')),
    ),
  );
}
