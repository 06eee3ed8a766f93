import { configRegex } from '../linear-regex';
import { dataStrings } from '../data-strings';
import { secretlintFindings } from '../secretlint';
import type { DocumentRule, Span } from '../types';

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
  { name: 'OpenAI API key', re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/g },
  { name: 'Stripe webhook signing secret', re: /\bwhsec_[A-Za-z0-9+/]{24,}/g },
  { name: 'Stripe key', re: /\b(?:sk|rk|pk)_test_[0-9a-zA-Z]{24,}\b/g },
  { name: 'Azure storage account key', re: /\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)=[A-Za-z0-9+/%]{20,}={0,2}/g },
  { name: 'Datadog API key', re: /\b(?:DD|DATADOG)_(?:API|APP)_KEY["']?\s*[:=]\s*["']?[0-9a-f]{32}(?:[0-9a-f]{8})?\b/gi },
  // PagerDuty Events API routing keys and integration keys are 32 characters; named by the setting that holds them.
  {
    name: 'PagerDuty integration key',
    re: /\b(?:routing[_-]?key|integration[_-]?key|service[_-]?key|pagerduty[_-]?(?:key|token)|PD_[A-Z_]*KEY)["']?\s*[:=]\s*["']?[A-Za-z0-9+_-]{32}\b/gi,
  },
  { name: 'HTTP Basic credentials', re: /\bAuthorization:\s*Basic\s+[A-Za-z0-9+/]{12,}={0,2}/gi },
];
/** `Authorization: Bearer <opaque token>` and `-H "Bearer …"`: any token that is not a reference such as $TOKEN. */
const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g;
/** `password: hunter2`-style assignments whose value looks random. */
const ASSIGNMENT = /\b(pass(?:word|wd)?|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|auth)\b\s*[:=]\s*["']?([^\s"'`,;]{8,})/gi;
/** Cheap prefilter: secretlint only runs on files containing something that could be a token. */
const MAYBE_SECRET =
  /xox|gh[pousr]_|github_pat|hooks\.slack|AKIA|ASIA|PRIVATE KEY|sk_live|rk_live|AIza|npm_|glpat-|SG\.|shpat_|-----BEGIN|:\/\/[^\s/]*:[^\s/]*@|eyJ|bearer|basic |secret|token|password|api[_-]?key|sendgrid|twilio|azure|shopify|openai|sk-/i;

export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** Names people give things (kebab, snake or dotted words, short version suffixes), as opposed to random tokens. */
export function looksLikeName(value: string): boolean {
  const parts = value.split(/[-_./]/);
  if (parts.length < 2) return false;
  return parts.every((p) => p === '' || /^[A-Za-z]{2,}$/.test(p) || /^[A-Za-z]?\d{1,4}$/.test(p) || /^v\d+$/i.test(p));
}

function spanAt(text: string, index: number, length: number): Span {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { start: { line, column }, end: { line, column: column + length } };
}

const mask = (s: string) => (s.length <= 8 ? '****' : `${s.slice(0, 4)}…${s.slice(-2)}`);

function allowed(options: Options, value: string): boolean {
  return (options.allowlist ?? []).some((p) => configRegex(p).test(value));
}

interface Options {
  /** Regular expressions of strings the rule accepts (documented example keys). */
  allowlist?: string[];
}

/** The patterns checked everywhere (documents and data): known token shapes, bearer tokens, high-entropy assignments. */
function scanPatterns(text: string, report: (kind: string, value: string, index: number) => void): void {
  for (const { name, re } of EXTRA) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) report(name, m[0], m.index ?? 0);
  }
  for (const m of text.matchAll(BEARER)) {
    const value = m[1];
    if (value.startsWith('eyJ')) continue; // a JWT: reported as one above
    if (/\d/.test(value) && /[A-Za-z]/.test(value) && entropy(value) >= 3.2) report('bearer token', value, (m.index ?? 0) + m[0].indexOf(value));
  }
  ASSIGNMENT.lastIndex = 0;
  for (const m of text.matchAll(ASSIGNMENT)) {
    const value = m[2];
    if (/^(<|\{\{|\$\{|\$[A-Z_]|\[|env:|vault:|secret:|process\.env|\*+$)/i.test(value)) continue; // references, not values
    if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(value)) continue; // a URL without credentials (an OAuth token endpoint)
    if (looksLikeName(value)) continue; // a resource name such as payments-db-credentials-v2
    if (value.length >= 12 && entropy(value) >= 3.5 && /\d/.test(value) && /[A-Za-z]/.test(value)) {
      report(`secret in "${m[1]}"`, value, (m.index ?? 0) + m[0].indexOf(value));
    }
  }
}

/** Credentials in text, code blocks or front matter: never published. Findings are masked in the message. */
export const noSecrets: DocumentRule<Options, 'secret'> = {
  meta: {
    id: 'no-secrets',
    kind: 'document',
    description: 'No API keys, tokens, webhook URLs, private keys, JWTs, passwords in URLs or high-entropy secrets anywhere in a document.',
    severity: 'error',
    security: true,
    messages: { secret: 'Possible {{kind}} "{{value}}": remove it, rotate the credential, and use a secret store reference instead' },
    schema: { type: 'object', additionalProperties: false, properties: { allowlist: { type: 'array', items: { type: 'string', maxLength: 200 } } } },
    defaultOptions: { allowlist: [] },
  },
  async check(ctx) {
    const text = ctx.text;
    const seen = new Set<number>();
    const report = (kind: string, value: string, index: number) => {
      if (allowed(ctx.options, value)) return;
      const line = spanAt(text, index, value.length);
      if (seen.has(line.start.line)) return; // one finding per line is enough to act on
      seen.add(line.start.line);
      ctx.report({ messageId: 'secret', data: { kind, value: mask(value) }, at: line });
    };
    scanPatterns(text, report);
    if (!MAYBE_SECRET.test(text)) return;
    for (const m of await secretlintFindings(ctx.relPath, text)) {
      const [start, end] = m.range;
      const value = text.slice(start, end);
      report(
        String(m.message)
          .replace(/^found /i, '')
          .replace(/:.*$/s, ''),
        value,
        start,
      );
    }
  },
  /** Data registries render on pages too: the same patterns on every string value (key: value gives the context). */
  checkData(ctx) {
    for (const d of dataStrings(ctx.project)) {
      const key = String(d.path[d.path.length - 1] ?? '');
      let found = false;
      scanPatterns(`${key}: ${d.value}`, (kind, value) => {
        if (found || allowed(ctx.options, value)) return;
        found = true;
        ctx.report({ messageId: 'secret', data: { kind, value: mask(value) }, file: d.file, at: d.at() });
      });
    }
  },
};
