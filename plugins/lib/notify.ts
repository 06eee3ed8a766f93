/**
 * Posting a rendered template to Slack, Teams or a generic webhook: payload shapes, escaping of incident fields,
 * retries, a timeout on the whole request, no redirects, no link-local or cloud-metadata addresses, and messages
 * that never contain the webhook URL or a token.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { fillTemplate, formatMessage } from './comm-template';

export type Target = 'slack' | 'teams' | 'webhook';

export interface Message {
  subject?: string;
  text: string;
  colour?: string;
  fields: Record<string, string | undefined>;
  template: string;
}

/** Slack mrkdwn: &, < and > are the only control characters (`<!channel>`, `<url|text>`, `<@U123>`). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Teams (MessageCard Markdown with some HTML): entities for &<> (no tags, no <at> mentions) and a backslash that
 * breaks Markdown link syntax `[text](url)`; brackets alone ("[P1]") stay as they are.
 */
export function escapeTeams(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\]\s*\(/g, ']\\(');
}

/**
 * Incident fields (titles, summaries, notes: text from people and alerts) escaped for the target's markup, so a
 * title cannot ping a channel, hide a link or change formatting. Fill templates with these; the template itself is
 * trusted markup.
 */
export function escapeFields(target: Target, fields: Record<string, string | undefined>): Record<string, string | undefined> {
  if (target === 'webhook') return { ...fields };
  const esc = target === 'slack' ? escapeSlack : escapeTeams;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? v : esc(v)]));
}

/**
 * The payload for a target. `text` is trusted markup filled with escaped fields (escapeFields); `subject` is filled
 * with raw fields and escaped here where the target reads it as markup.
 */
export function payloadFor(target: Target, m: Message): unknown {
  const subject = m.subject ?? m.fields.title ?? 'Incident update';
  switch (target) {
    case 'slack':
      return {
        text: `${escapeSlack(subject)}: ${m.text}`.slice(0, 3000),
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: subject.slice(0, 150) } },
          { type: 'section', text: { type: 'mrkdwn', text: m.text.replace(/\*\*(.+?)\*\*/g, '*$1*').slice(0, 3000) } },
        ],
      };
    case 'teams':
      return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: subject,
        themeColor: (m.colour ?? '#1d4f91').replace('#', ''),
        title: escapeTeams(subject),
        text: m.text.replace(/\n/g, '\n\n'),
      };
    default:
      return { template: m.template, subject, text: m.text, incident: m.fields };
  }
}

/** A message template and the incident fields it is filled with (raw: escaping happens per target, here). */
export interface TemplateMessage {
  /** Subject template, filled with raw fields (payloadFor escapes it where the target reads it as markup). */
  subject?: string;
  /** Body template: trusted markup, filled with the fields escaped for the target. */
  body: string;
  fields: Record<string, string | undefined>;
  template: string;
  colour?: string;
}

/**
 * The payload for a target from a template, exactly as `handbook notify` builds it: the body filled with fields
 * escaped for the target's markup (a title such as "<!channel>" or "<https://x|y>" cannot ping or hide a link), the
 * subject with raw fields, then the target's formatting. The responder's notify targets use the same function.
 */
export function renderPayload(target: Target, m: TemplateMessage): unknown {
  const subject = m.subject !== undefined ? fillTemplate(m.subject, m.fields) : undefined;
  const text = fillTemplate(m.body, escapeFields(target, m.fields));
  const flavour = target === 'slack' ? 'slack' : target === 'teams' ? 'teams' : 'text';
  return payloadFor(target, { subject, text: formatMessage(undefined, text, flavour).trim(), fields: m.fields, template: m.template, colour: m.colour });
}

export interface SendOptions {
  retries: number;
  /** Limit for one attempt, from the request until the response body is read. */
  timeoutMs: number;
  backoffMs?: number;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
  /** Hosts (names or addresses) allowed even though they are link-local or cloud metadata endpoints. */
  allowHosts?: string[];
  /** Resolves a host name to addresses (tests replace it). */
  resolve?: (host: string) => Promise<string[]>;
  /** Extra secret strings to remove from every message (e.g. the value of an environment variable). */
  secrets?: string[];
}

export interface SendResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Names of cloud metadata services. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Link-local (169.254/16, fe80::/10), cloud metadata (100.100.100.200, fd00:ec2::254) and unspecified addresses. */
export function forbiddenAddress(ip: string): boolean {
  const v = ip.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v)?.[1];
  if (mapped) return forbiddenAddress(mapped);
  if (isIP(v) === 4) {
    const [a, b] = v.split('.').map(Number);
    return (a === 169 && b === 254) || v === '100.100.100.200' || a === 0;
  }
  if (isIP(v) === 6) return /^fe[89ab][0-9a-f]:/.test(v) || v === 'fd00:ec2::254' || v === '::';
  return false;
}

/** Removes URLs, tokens and the given secrets from a message meant for a terminal or a log. */
export function redact(text: string, secrets: string[] = []): string {
  let out = text;
  for (const s of secrets.filter((x) => x && x.length >= 6).sort((a, b) => b.length - a.length)) out = out.split(s).join('[redacted]');
  // Any URL: keep the scheme and host (useful to diagnose), drop credentials, path and query (where webhook secrets live).
  out = out.replace(
    /\b([a-z][a-z0-9+.-]{1,20}):\/\/(?:[^\s/@"'<>]*@)?([^\s/:"'<>?#]+)(:\d+)?(?:[/?#][^\s"'<>]*[^\s"'<>.,:;)\]])?\/?/gi,
    (_m, scheme: string, host: string, port = '') => `${scheme}://${host}${port}/[redacted]`,
  );
  // Token shapes that may appear without a URL.
  out = out.replace(/\b(xox[abposr]-|gh[pousr]_|github_pat_|sk-|sk_live_|rk_live_|whsec_|glpat-|AKIA)[A-Za-z0-9_-]{6,}/g, '$1[redacted]');
  out = out.replace(/\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{12,}/gi, '$1 [redacted]');
  return out;
}

class Permanent extends Error {}

async function checkDestination(url: string, opts: SendOptions): Promise<void> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Permanent('the webhook URL is not a valid URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Permanent(`the webhook URL must use https (or http), not ${u.protocol}`);
  const host = u.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const allowed = new Set((opts.allowHosts ?? []).map((h) => h.toLowerCase()));
  if (allowed.has(host)) return;
  if (METADATA_NAMES.has(host))
    throw new Permanent(`refusing to post to ${host}, a cloud metadata service (allow it with notify.allow_hosts in handbook.config.yaml if this is intended)`);
  const addresses = isIP(host) ? [host] : await (opts.resolve ?? defaultResolve)(host);
  const bad = addresses.find((a) => forbiddenAddress(a) && !allowed.has(a));
  if (bad)
    throw new Permanent(
      `refusing to post to ${host} (${bad}): a link-local or cloud metadata address (allow it with notify.allow_hosts in handbook.config.yaml if this is intended)`,
    );
}

async function defaultResolve(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return []; // the request itself reports the DNS failure
  }
}

/** Reads at most `max` bytes of a response body, so the timeout covers the body and a huge body costs nothing. */
async function drain(res: Response, max = 64 * 1024): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      n += value.byteLength;
      if (n > max) {
        await reader.cancel();
        return;
      }
    }
  } finally {
    reader.releaseLock?.();
  }
}

/** Errors that another attempt cannot change: TLS certificate problems, invalid URLs. */
function permanentNetworkError(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code ?? '';
  return /^(CERT_|ERR_TLS_|UNABLE_TO_VERIFY|DEPTH_ZERO|SELF_SIGNED|ERR_INVALID_URL|ERR_SSL_)/.test(code);
}

function describe(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message ?? 'request failed'} (${cause})` : (err.message ?? String(e));
}

/**
 * POSTs JSON. Retries network errors, timeouts, 408, 425, 429 and 5xx with exponential backoff; never retries other
 * 4xx, redirects (not followed: a redirect would turn the POST into a GET or send the payload elsewhere), refused
 * destinations or certificate errors. Every error message is redacted: no URL path, query or token.
 */
export async function send(url: string, payload: unknown, opts: SendOptions): Promise<SendResult> {
  const f = opts.fetchImpl ?? fetch;
  const body = JSON.stringify(payload);
  const secrets = [url, ...(opts.secrets ?? [])];
  const clean = (s: string) => redact(s, secrets);
  let last: SendResult = { ok: false, attempts: 0 };
  try {
    await checkDestination(url, opts);
  } catch (e) {
    return { ok: false, attempts: 0, error: clean((e as Error).message) };
  }
  for (let attempt = 1; attempt <= opts.retries + 1; attempt++) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs);
    let retry = true;
    try {
      const res = await f(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: ctrl.signal, redirect: 'manual' });
      // The timeout covers the body too: a receiver that sends headers and then stalls is cut off.
      await drain(res);
      last = { ok: res.ok, attempts: attempt, status: res.status };
      if (res.ok) return last;
      if ((res.status >= 300 && res.status < 400) || res.type === 'opaqueredirect') {
        last.error = `HTTP ${res.status || 'redirect'}: the receiver redirects; redirects are not followed (check the webhook URL)`;
        retry = false;
      } else {
        last.error = `HTTP ${res.status}`;
        retry = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
      }
    } catch (e) {
      last = { ok: false, attempts: attempt, error: ctrl.signal.aborted ? `timed out after ${opts.timeoutMs} ms` : clean(describe(e)) };
      retry = !permanentNetworkError(e);
    } finally {
      clearTimeout(timer);
      ctrl.abort(); // releases the connection if anything is still pending
    }
    if (!retry) return last;
    if (attempt <= opts.retries) {
      const wait = (opts.backoffMs ?? 500) * 2 ** (attempt - 1);
      opts.log?.(clean(`attempt ${attempt} failed (${last.error}); retrying in ${wait} ms`));
      await sleep(wait);
    }
  }
  return last;
}
