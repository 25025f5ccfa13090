// What every console section knows: who is signed in, the departments, and the lists that
// change rarely (the catalogue items, the measure list), read once per page load.
import { api } from '../../api';
import type { CatalogueItem, Department, Me, MeasureList } from './shapes';

export interface ConsoleContext {
  me: Me;
  departments: Department[];
  // The signed-in user's own department (operators and officers).
  own: Department | undefined;
}

export function departmentName(ctx: ConsoleContext, id: number | null | undefined): string {
  if (id === null || id === undefined || id === 0) return '信用办';
  return ctx.departments.find((d) => d.id === id)?.name ?? `部门 ${id}`;
}

// A section renders into `panel` (after its heading); `query` is the page's query string.
export type SectionRender = (panel: HTMLElement, ctx: ConsoleContext, query: URLSearchParams) => Promise<void>;

// The items departments submit most, as named in policy/catalogue/items. Server version 2
// serves the whole catalogue, with each item's fields, at GET /api/v1/catalogue.
const ITEMS: CatalogueItem[] = [
  { code: 'CF', name: '行政处罚', category: '行政管理', fields: [] },
  { code: 'XK', name: '行政许可', category: '行政管理', fields: [] },
  { code: 'SX', name: '失信被执行人', category: '司法裁判及执行', fields: [] },
];

export function catalogueItems(): Promise<CatalogueItem[]> {
  return Promise.resolve(ITEMS);
}

// The Chinese name of a field code of an item, when the catalogue has it.
export function fieldName(items: CatalogueItem[], item: string, code: string): string | undefined {
  return items.find((i) => i.code === item)?.fields.find((f) => f.code === code)?.name;
}

let measures: Promise<MeasureList> | null = null;

export function measureList(): Promise<MeasureList> {
  measures ??= api<MeasureList>('GET', '/api/v1/measures').catch((e: unknown) => {
    measures = null;
    throw e;
  });
  return measures;
}

export function scenarioName(list: MeasureList, code: string): string {
  return list.scenarios.find((s) => s.code === code)?.name ?? code;
}
