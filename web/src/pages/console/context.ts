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

// A clerk as staff read them: the user name of "user:alice"; API keys and the command line as
// they are recorded.
export function actorName(actor: string | null | undefined): string {
  return (actor ?? '').replace(/^user:/, '');
}

// A section renders into `panel` (after its heading); `query` is the page's query string.
export type SectionRender = (panel: HTMLElement, ctx: ConsoleContext, query: URLSearchParams) => Promise<void>;

let catalogue: Promise<CatalogueItem[]> | null = null;

// The catalogue's items with their fields (GET /api/v1/catalogue), read once.
export function catalogueItems(): Promise<CatalogueItem[]> {
  catalogue ??= api<{ items: CatalogueItem[] }>('GET', '/api/v1/catalogue').then(
    (c) => c.items,
    (e: unknown) => {
      catalogue = null;
      throw e;
    },
  );
  return catalogue;
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

// After a change to the measure list (a basis confirmed), the next read fetches it again.
export function forgetMeasureList(): void {
  measures = null;
}

export function scenarioName(list: MeasureList, code: string): string {
  return list.scenarios.find((s) => s.code === code)?.name ?? code;
}
