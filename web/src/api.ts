// The JSON API of the same origin (docs/api.md). Errors carry the server's Chinese message.
import type { PublicCommitment } from './public-types';
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    // Seconds from the Retry-After header of a 429 or 503, when the server sent one.
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'xy_token';

export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setSessionToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

interface RequestOptions {
  body?: unknown; // sent as JSON
  raw?: Blob; // sent as it is (a file upload)
  auth?: boolean; // send the session token
  accept?: string;
}

// One request; resolves to the answer when its status is 2xx, else throws an ApiError with the
// server's message.
async function request(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    headers['Content-Type'] = opts.raw.type || 'application/octet-stream';
    body = opts.raw;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const token = sessionToken();
  if (opts.auth && token) headers['Authorization'] = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const text = await res.text();
    let err: { code?: string; message?: string } | undefined;
    try {
      err = (JSON.parse(text) as { error?: { code?: string; message?: string } } | null)?.error;
    } catch {
      err = undefined;
    }
    const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(
      res.status,
      err?.code ?? 'http_' + res.status,
      err?.message ?? `请求失败（HTTP ${res.status}）`,
      Number.isFinite(retry) && retry >= 0 ? retry : null,
    );
  }
  return res;
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  try {
    return (text ? JSON.parse(text) : null) as T;
  } catch {
    throw new ApiError(res.status, 'bad_response', `服务器返回了无法识别的内容（HTTP ${res.status}）`);
  }
}

export async function api<T>(method: string, path: string, body?: unknown, auth = false): Promise<T> {
  return json<T>(await request(method, path, { body, auth }));
}

// Sends a file as the request body (signed in).
export async function upload<T>(path: string, file: Blob): Promise<T> {
  return json<T>(await request('POST', path, { raw: file, auth: true }));
}

// Fetches a file (signed in) and hands it to the browser as a download.
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request('GET', path, { auth: true, accept: '*/*' });
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  // RFC 5987's filename* (UTF-8, for Chinese names) before the plain one.
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (/filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName);
  saveBlob(blob, name);
}

// Hands a file made in the page to the browser as a download.
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the address is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Builds a query string from the parameters that have a value.
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// --- Shapes used by the pages (a subset of docs/api.md) ---

export interface PublicRecord {
  id: number;
  item: { code: string; name: string };
  decision_date: string;
  nature: string;
  display: { from: string; until: string | null; reason: string };
  disputed: boolean;
  disputed_label: string | null;
  fields: Record<string, unknown>;
}

export interface PublicEntry {
  id: number;
  list_kind: string;
  list_name: string;
  domain: string;
  basis: string;
  decision_document: string;
  valid_from: string;
  valid_until: string | null;
  disputed: boolean;
  disputed_label: string | null;
}

export interface PublicSubject {
  subject: { name: string; kind: string; identifiers: Array<string | { kind: string; value: string }>; region: string };
  records: PublicRecord[];
  lists: PublicEntry[];
  commitments?: PublicCommitment[];
}

export interface Step {
  seq: number;
  at: string;
  step: string;
  note: string;
}

export interface Objection {
  id: number;
  target: { kind: string; id: number };
  filer: { kind: string; name: string };
  reasons: string;
  status: string;
  submitted_at: string;
  accept_due: string;
  close_due: string;
  provisional_dates?: string[];
  refuse_reason: string | null;
  steps: Step[];
}

export interface Filed {
  id: number;
  token: string;
  status: string;
  accept_due: string;
  close_due: string;
  provisional_dates?: string[];
}
