/** Posting a rendered template to Slack, Teams or a generic webhook: payload shapes, retries, timeout. */
export type Target = 'slack' | 'teams' | 'webhook';

export interface Message {
  subject?: string;
  text: string;
  colour?: string;
  fields: Record<string, string | undefined>;
  template: string;
}

export function payloadFor(target: Target, m: Message): unknown {
  const subject = m.subject ?? m.fields.title ?? 'Incident update';
  switch (target) {
    case 'slack':
      return {
        text: `${subject}: ${m.text}`.slice(0, 3000),
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
        title: subject,
        text: m.text.replace(/\n/g, '\n\n'),
      };
    default:
      return { template: m.template, subject, text: m.text, incident: m.fields };
  }
}

export interface SendOptions {
  retries: number;
  timeoutMs: number;
  backoffMs?: number;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
}

export interface SendResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POSTs JSON; retries network errors, timeouts, 429 and 5xx with exponential backoff; never retries other 4xx. */
export async function send(url: string, payload: unknown, opts: SendOptions): Promise<SendResult> {
  const f = opts.fetchImpl ?? fetch;
  const body = JSON.stringify(payload);
  let last: SendResult = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= opts.retries + 1; attempt++) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs);
    try {
      const res = await f(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: ctrl.signal });
      last = { ok: res.ok, attempts: attempt, status: res.status };
      if (res.ok) return last;
      last.error = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) return last;
    } catch (e) {
      last = { ok: false, attempts: attempt, error: ctrl.signal.aborted ? `timed out after ${opts.timeoutMs} ms` : (e as Error).message };
    } finally {
      clearTimeout(timer);
    }
    if (attempt <= opts.retries) {
      const wait = (opts.backoffMs ?? 500) * 2 ** (attempt - 1);
      opts.log?.(`attempt ${attempt} failed (${last.error}); retrying in ${wait} ms`);
      await sleep(wait);
    }
  }
  return last;
}
