/** notify against hostile receivers and hostile fields: no redirects, a timeout that covers the body, no metadata hosts, no secrets in messages. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeFields, escapeSlack, forbiddenAddress, payloadFor, redact, send } from '../../plugins/lib/notify';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler = (_q, res) => res.end('ok');
const hits: { method?: string; url?: string }[] = [];
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push({ method: req.method, url: req.url });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
});

const SECRET_PATH = '/services/T0SECRET/B0SECRET/abcdefghijklmnopqrstuvwx';
const payload = payloadFor('webhook', { text: 'x', fields: {}, template: 't' });

describe('send', () => {
  it('does not follow a redirect (a 301/302 would turn the POST into a GET) and does not retry it', async () => {
    for (const status of [301, 302, 307, 308]) {
      hits.length = 0;
      handler = (_q, res) => res.writeHead(status, { location: `${base}/elsewhere` }).end();
      const r = await send(base + SECRET_PATH, payload, { retries: 3, timeoutMs: 5000, backoffMs: 1 });
      expect(r).toEqual({
        ok: false,
        attempts: 1,
        status,
        error: `HTTP ${status}: the receiver redirects; redirects are not followed (check the webhook URL)`,
      });
      expect(hits).toEqual([{ method: 'POST', url: SECRET_PATH }]);
    }
  });

  it('times out a receiver that sends headers and then stalls the body', async () => {
    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial'); // and never end
    };
    const r = await send(base + SECRET_PATH, payload, { retries: 0, timeoutMs: 300 });
    expect(r).toEqual({ ok: false, attempts: 1, error: 'timed out after 300 ms' });
  });

  it('retries 5xx, 408 and 429 but not other client errors', async () => {
    for (const [status, attempts] of [
      [503, 3],
      [408, 3],
      [429, 3],
      [400, 1],
      [404, 1],
      [410, 1],
    ] as const) {
      handler = (_q, res) => res.writeHead(status).end();
      const r = await send(base + SECRET_PATH, payload, { retries: 2, timeoutMs: 5000, backoffMs: 1 });
      expect([status, r.attempts]).toEqual([status, attempts]);
    }
  });

  it('refuses link-local and cloud metadata addresses unless allowed, without sending anything', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/x',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://100.100.100.200/latest',
    ]) {
      const r = await send(url, payload, { retries: 2, timeoutMs: 1000, fetchImpl: () => Promise.reject(new Error('must not be called')) });
      expect(r.ok).toBe(false);
      expect(r.attempts).toBe(0);
      expect(r.error).toMatch(/^refusing to post to .*(link-local or cloud metadata|cloud metadata service)/);
      expect(r.error).not.toContain('meta-data');
    }
    // A name that resolves to a metadata address is refused too.
    const viaDns = await send('https://hooks.example.net/x', payload, {
      retries: 0,
      timeoutMs: 1000,
      resolve: async () => ['169.254.169.254'],
      fetchImpl: () => Promise.reject(new Error('must not be called')),
    });
    expect(viaDns.error).toBe(
      'refusing to post to hooks.example.net (169.254.169.254): a link-local or cloud metadata address (allow it with notify.allow_hosts in handbook.config.yaml if this is intended)',
    );
    const allowed = await send('http://169.254.169.254/x', payload, {
      retries: 0,
      timeoutMs: 1000,
      allowHosts: ['169.254.169.254'],
      fetchImpl: async () => new Response('ok'),
    });
    expect(allowed.ok).toBe(true);
  });

  it('never puts the URL path, query or a token into an error', async () => {
    const r = await send(`http://127.0.0.1:1${SECRET_PATH}?token=abc123def456`, payload, { retries: 0, timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    expect(r.error).not.toContain('SECRET');
    expect(r.error).not.toContain('abc123');
    const logs: string[] = [];
    handler = (_q, res) => res.writeHead(500).end();
    await send(base + SECRET_PATH, payload, { retries: 1, timeoutMs: 2000, backoffMs: 1, log: (l) => logs.push(l) });
    expect(logs.join('\n')).not.toContain('SECRET');
  });

  it('forbiddenAddress knows link-local, metadata and mapped forms, and leaves ordinary addresses alone', () => {
    expect(['169.254.1.1', 'fe80::abcd', '::ffff:169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '0.0.0.0'].map(forbiddenAddress)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['127.0.0.1', '10.1.2.3', '192.168.1.1', '2001:db8::1', '::1'].map(forbiddenAddress)).toEqual([false, false, false, false, false]);
  });
});

describe('redact', () => {
  it('keeps scheme and host, drops credentials, path, query and token shapes, and given secrets', () => {
    const hook = 'https://hooks.slack.com' + SECRET_PATH;
    expect(redact(`fetch failed for ${hook}: ECONNRESET`)).toBe('fetch failed for https://hooks.slack.com/[redacted]: ECONNRESET');
    expect(redact('https://user:pw@example.com:8443/a?b=c')).toBe('https://example.com:8443/[redacted]');
    expect(redact('token ghp_' + 'a1B2c3D4'.repeat(5))).toBe('token ghp_[redacted]');
    expect(redact('Authorization: Bearer abcdef0123456789abcdef')).toBe('Authorization: Bearer [redacted]');
    expect(redact('value s3cr3t-from-env here', ['s3cr3t-from-env'])).toBe('value [redacted] here');
  });
});

describe('escaping fields for chat markup', () => {
  it('Slack: <!channel>, <url|text> and & cannot reach mrkdwn', () => {
    expect(escapeSlack('<!channel> see <https://evil.example|the runbook> & more')).toBe(
      '&lt;!channel&gt; see &lt;https://evil.example|the runbook&gt; &amp; more',
    );
    const fields = escapeFields('slack', { title: '<!here> p99 < 100 ms', id: 'INC-1' });
    expect(fields).toEqual({ title: '&lt;!here&gt; p99 &lt; 100 ms', id: 'INC-1' });
    const p = payloadFor('slack', { subject: '<!channel> down', text: 'body', fields: {}, template: 't' }) as any;
    expect(p.text).toBe('&lt;!channel&gt; down: body');
    expect(p.blocks[0].text).toEqual({ type: 'plain_text', text: '<!channel> down' }); // plain_text is never parsed
  });

  it('Teams: no HTML, no mention tags, no Markdown links; brackets alone stay', () => {
    expect(escapeFields('teams', { title: '<at>all</at> [click](https://evil.example) [P1]' })).toEqual({
      title: '&lt;at&gt;all&lt;/at&gt; [click]\\(https://evil.example) [P1]',
    });
    expect((payloadFor('teams', { subject: '<b>x</b> [P1]', text: 't', fields: {}, template: 't' }) as any).title).toBe('&lt;b&gt;x&lt;/b&gt; [P1]');
  });

  it('a generic webhook gets the raw fields (JSON is not markup)', () => {
    expect(escapeFields('webhook', { title: '<x>' })).toEqual({ title: '<x>' });
  });
});
