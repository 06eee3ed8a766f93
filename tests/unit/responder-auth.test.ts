import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerName, parseTokens, TokenConfigError, verifyPagerDuty, verifySlack } from '../../plugins/responder/auth';

const A = 'abcdefghijklmnop0123';
const B = 'zyxwvutsrqponmlk9876';

describe('responder tokens', () => {
  it('reads "token" and "name:token" lines, skipping blanks and comments', () => {
    const tokens = parseTokens(`# ops\n\nalice:${A}\n${B}\n`, 'tokens');
    expect(tokens.map((t) => t.name)).toEqual(['alice', 'token-2']);
    expect(bearerName(`Bearer ${A}`, tokens)).toBe('alice');
    expect(bearerName(`bearer ${B}`, tokens)).toBe('token-2');
    expect(bearerName(`Bearer ${A}x`, tokens)).toBeUndefined();
    expect(bearerName(undefined, tokens)).toBeUndefined();
    expect(bearerName(A, tokens)).toBeUndefined();
  });
  it('HANDBOOK_TOKENS is comma-separated in the same form', () => {
    expect(parseTokens(`ci:${A},${B}`, 'HANDBOOK_TOKENS').map((t) => t.name)).toEqual(['ci', 'token-2']);
  });
  it('refuses short tokens without echoing them', () => {
    expect(() => parseTokens('bob:short', 'tokens')).toThrow(TokenConfigError);
    expect(() => parseTokens('bob:short', 'tokens')).toThrow(
      'tokens: entry 1 (bob) is not a usable token: tokens need at least 16 characters and no spaces (e.g. openssl rand -hex 32)',
    );
  });
});

describe('Slack request signing', () => {
  const secret = 'slack-secret';
  const body = Buffer.from('command=%2Fincident&text=ack');
  const sig = (ts: string, s = secret) => `v0=${createHmac('sha256', s).update(`v0:${ts}:${body}`).digest('hex')}`;
  it('accepts a correct signature inside the 5-minute window', () => {
    expect(verifySlack(body, '1000', sig('1000'), secret, 1000 + 299)).toEqual({ ok: true });
  });
  it('refuses old timestamps, wrong secrets and malformed headers', () => {
    expect(verifySlack(body, '1000', sig('1000'), secret, 1000 + 301)).toEqual({ ok: false, reason: 'the request timestamp is more than 5 minutes from now' });
    expect(verifySlack(body, '1000', sig('1000', 'other'), secret, 1000)).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifySlack(body, undefined, sig('1000'), secret, 1000)).toEqual({ ok: false, reason: 'missing or malformed X-Slack-Request-Timestamp' });
    expect(verifySlack(body, '1000', 'v0=zz', secret, 1000)).toEqual({ ok: false, reason: 'missing or malformed X-Slack-Signature' });
    expect(verifySlack(Buffer.from(`${body}&x=1`), '1000', sig('1000'), secret, 1000)).toEqual({ ok: false, reason: 'bad signature' });
  });
});

describe('PagerDuty webhook signature', () => {
  it('accepts any one matching v1 signature', () => {
    const raw = Buffer.from('{"event":{}}');
    const good = createHmac('sha256', 's').update(raw).digest('hex');
    expect(verifyPagerDuty(raw, `v1=${'0'.repeat(64)},v1=${good}`, 's')).toBe(true);
    expect(verifyPagerDuty(raw, `v1=${'0'.repeat(64)}`, 's')).toBe(false);
    expect(verifyPagerDuty(raw, undefined, 's')).toBe(false);
  });
});
