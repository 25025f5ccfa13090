import { api } from '../../api';
import { h } from '../../dom';
import { percent } from '../../format';
import { dataTable } from '../../table';
import { departmentName, measureList, scenarioName, type ConsoleContext } from './context';
import type { CheckStat } from './shapes';

// 核查统计: checks per department and scenario, the measures they found and the feedback given.
export async function checkStatsSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const [stats, list] = await Promise.all([
    api<{ items: CheckStat[] }>('GET', '/api/v1/stats/checks', undefined, true).then((s) => s.items),
    measureList(),
  ]);
  const total = stats.reduce(
    (t, s) => ({ checks: t.checks + s.checks, measures: t.measures + s.measures, feedback: t.feedback + s.feedback, applied: t.applied + s.applied }),
    { checks: 0, measures: 0, feedback: 0, applied: 0 },
  );
  panel.append(
    h(
      'div',
      { class: 'panel' },
      h('p', {}, `共核查 ${total.checks} 次，发现适用措施 ${total.measures} 项，已反馈 ${total.feedback} 项（其中已执行 ${total.applied} 项）。`),
      dataTable<CheckStat>('各部门、各场景的核查与反馈', [
        { header: '部门', cell: (s) => departmentName(ctx, s.department_id) },
        { header: '业务场景', cell: (s) => scenarioName(list, s.scenario) },
        { header: '核查次数', cell: (s) => String(s.checks), numeric: true },
        { header: '适用措施', cell: (s) => String(s.measures), numeric: true },
        { header: '已反馈', cell: (s) => String(s.feedback), numeric: true },
        { header: '已执行', cell: (s) => String(s.applied), numeric: true },
        { header: '反馈率', cell: (s) => percent(s.feedback_rate), numeric: true },
      ], stats, '暂无核查记录'),
    ),
  );
}
