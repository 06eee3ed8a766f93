/** Who may call the responder: bearer tokens (constant-time), Slack request signing, PagerDuty webhook signatures. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Token {
  name: string;
  digest: Buffer;
}

export class TokenConfigError extends Error {}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const MIN_LENGTH = 16;
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest();

/**
 * Tokens from lines "token" or "name:token" (blank lines and # comments ignored). The file comes from
 * --token-file; HANDBOOK_TOKENS holds the same entries separated by commas. Errors never contain a token.
 */
export function parseTokens(text: string, source: string): Token[] {
  const out: Token[] = [];
  text.split(/\r?\n|,/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const named = colon > 0 && NAME.test(line.slice(0, colon));
    const name = named ? line.slice(0, colon) : `token-${out.length + 1}`;
    const token = named ? line.slice(colon + 1) : line;
    if (token.length < MIN_LENGTH || /\s/.test(token)) {
      throw new TokenConfigError(
        `${source}: entry ${i + 1} (${name}) is not a usable token: tokens need at least ${MIN_LENGTH} characters and no spaces (e.g. openssl rand -hex 32)`,
      );
    }
    out.push({ name, digest: sha256(token) });
  });
  return out;
}

export function loadTokens(opts: { file?: string; env?: string }): Token[] {
  const tokens: Token[] = [];
  if (opts.file) {
    let text: string;
    try {
      text = readFileSync(opts.file, 'utf8');
    } catch (e) {
      throw new TokenConfigError(`cannot read the token file ${opts.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    tokens.push(...parseTokens(text, opts.file));
  }
  if (opts.env) tokens.push(...parseTokens(opts.env, 'HANDBOOK_TOKENS'));
  return tokens;
}

/** The name of the token in an "Authorization: Bearer <token>" header, or undefined. Compares every token in constant time. */
export function bearerName(header: string | undefined, tokens: Token[]): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = sha256(m ? m[1] : '\u0000no-token');
  let found: string | undefined;
  for (const t of tokens) if (timingSafeEqual(given, t.digest) && m) found ??= t.name;
  return found;
}

/** Slack's v0 request signature over the raw body, within a 5-minute window. */
export function verifySlack(
  raw: Buffer,
  timestamp: string | undefined,
  signature: string | undefined,
  secret: string,
  nowSeconds: number,
): { ok: true } | { ok: false; reason: string } {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-Slack-Request-Timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return { ok: false, reason: 'the request timestamp is more than 5 minutes from now' };
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'missing or malformed X-Slack-Signature' };
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'bad signature' };
}

/** PagerDuty webhook (v3) signature: "v1=<hex HMAC-SHA256 of the raw body>", possibly several, comma-separated. */
export function verifyPagerDuty(raw: Buffer, header: string | undefined, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(raw).digest();
  let ok = false;
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*v1=([0-9a-f]{64})\s*$/.exec(part);
    if (m && timingSafeEqual(expected, Buffer.from(m[1], 'hex'))) ok = true;
  }
  return ok;
}
