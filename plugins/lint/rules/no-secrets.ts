import { secretlintFindings } from '../secretlint';
import type { FileContext, FileRule, Span } from '../types';

/** Patterns secretlint's recommended preset does not cover (or covers only with options), checked on every file. */
const EXTRA: { name: string; re: RegExp }[] = [
  { name: 'AWS access key id', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g },
  { name: 'private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { name: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  { name: 'password in a URL', re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@"'<>]{1,64}:[^\s/@"'<>]{3,128}@[^\s/"'<>]+/gi },
  { name: 'Slack webhook URL', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/g },
  { name: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { name: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'Stripe live key', re: /\b[rs]k_live_[0-9a-zA-Z]{20,}\b/g },
  { name: 'Microsoft Teams webhook URL', re: /https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[^\s"'<>]{20,}/gi },
];
/** `password: hunter2`-style assignments whose value looks random. */
const ASSIGNMENT = /\b(pass(?:word|wd)?|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|auth)\b\s*[:=]\s*["']?([^\s"'`,;]{8,})/gi;
/** Cheap prefilter: secretlint only runs on files containing something that could be a token. */
const MAYBE_SECRET = /xox|gh[pousr]_|github_pat|hooks\.slack|AKIA|ASIA|PRIVATE KEY|sk_live|rk_live|AIza|npm_|glpat-|SG\.|shpat_|-----BEGIN|:\/\/[^\s/]*:[^\s/]*@|eyJ|bearer|basic |secret|token|password|api[_-]?key|sendgrid|twilio|azure|shopify|openai|sk-/i;

export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

function spanAt(text: string, index: number, length: number): Span {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { start: { line, column }, end: { line, column: column + length } };
}

const mask = (s: string) => (s.length <= 8 ? '****' : `${s.slice(0, 4)}…${s.slice(-2)}`);

function allowed(ctx: FileContext, value: string): boolean {
  const list: string[] = (ctx.project.config as any).secrets_allowlist ?? [];
  return list.some((p) => new RegExp(p).test(value));
}

/** Credentials in text, code blocks or front matter: never published. Findings are masked in the message. */
export const noSecrets: FileRule = {
  meta: {
    id: 'no-secrets',
    description: 'No API keys, tokens, webhook URLs, private keys, JWTs, passwords in URLs or high-entropy secrets anywhere in a document.',
    severity: 'error',
    scope: 'file',
  },
  async check(ctx) {
    const text = ctx.text;
    const seen = new Set<number>();
    const report = (kind: string, value: string, index: number) => {
      if (allowed(ctx, value)) return;
      const line = spanAt(text, index, value.length);
      if (seen.has(line.start.line)) return; // one finding per line is enough to act on
      seen.add(line.start.line);
      ctx.report({ message: `Possible ${kind} "${mask(value)}": remove it, rotate the credential, and use a secret store reference instead`, at: line });
    };
    for (const { name, re } of EXTRA) {
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) report(name, m[0], m.index ?? 0);
    }
    ASSIGNMENT.lastIndex = 0;
    for (const m of text.matchAll(ASSIGNMENT)) {
      const value = m[2];
      if (/^(<|\{\{|\$\{|\$[A-Z_]|\[|env:|vault:|secret:|process\.env|\*+$)/i.test(value)) continue; // references, not values
      if (value.length >= 12 && entropy(value) >= 3.5 && /\d/.test(value) && /[A-Za-z]/.test(value)) {
        report(`secret in "${m[1]}"`, value, (m.index ?? 0) + m[0].indexOf(value));
      }
    }
    if (!MAYBE_SECRET.test(text)) return;
    for (const m of await secretlintFindings(ctx.relPath, text)) {
      const [start, end] = m.range;
      const value = text.slice(start, end);
      report(String(m.message).replace(/^found /i, '').replace(/:.*$/s, ''), value, start);
    }
  },
};
