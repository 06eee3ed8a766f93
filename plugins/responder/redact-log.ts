/**
 * Every log entry and logged error of the responder passes through here: URLs lose their path and query (where
 * webhook secrets live), token shapes are masked, and the configured secrets (webhook URLs, routing keys, signing
 * secrets) are replaced wherever they appear. Uses the same redact() as `handbook notify`.
 */
import { redact } from '../lib/notify';

export type LogEntry = Record<string, unknown>;

function clean(value: unknown, secrets: string[], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, clean(v, secrets, depth + 1)]));
}

/** A function that returns a redacted copy of a log entry. */
export function logRedactor(secrets: (string | undefined)[]): (entry: LogEntry) => LogEntry {
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  return (entry) => clean(entry, list) as LogEntry;
}

/**
 * The secret values a responder holds as text: every environment variable the notify targets name, and the Slack and
 * PagerDuty signing secrets. (Bearer tokens are kept only as digests; the Authorization header is never logged.)
 */
export function responderSecrets(opts: { env: Record<string, string | undefined>; envNames: string[] }): string[] {
  return [...opts.envNames.map((n) => opts.env[n]), opts.env.HANDBOOK_SLACK_SIGNING_SECRET, opts.env.HANDBOOK_PAGERDUTY_WEBHOOK_SECRET]
    .filter((s): s is string => !!s && s.trim().length >= 6)
    .map((s) => s.trim());
}
