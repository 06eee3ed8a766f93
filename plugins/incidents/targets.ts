/**
 * Notify targets: where each escalation medium (`via`: page, phone, chat, email, ticket) is delivered.
 *
 * Which targets exist and which medium goes where is data (data/notify-targets.yaml); the secret parts (webhook URLs,
 * PagerDuty routing keys) are read from environment variables named there, never from the repository. A medium
 * with no configured target is reported as not delivered, never skipped silently. The HTTP send itself is
 * plugins/lib/notify.ts (retries, timeout, redaction).
 */
import { redact, renderPayload, send, type SendResult } from '../lib/notify';
import { fillTemplate } from '../lib/comm-template';
import type { Medium } from './escalation';

export type TargetKind = 'slack' | 'teams' | 'webhook' | 'pagerduty';

export interface TargetData {
  id: string;
  kind: TargetKind;
  /** Environment variable holding the webhook URL (for pagerduty: optional override of the Events API URL). */
  url_env?: string;
  /** Environment variable holding the PagerDuty routing (integration) key. */
  routing_key_env?: string;
  channel?: string;
}

export interface NotifyData {
  targets: TargetData[];
  mediums: Partial<Record<Medium, string[]>>;
}

export interface ConfiguredTarget {
  id: string;
  kind: TargetKind;
  url?: string;
  routingKey?: string;
  /** Why it cannot be used, when it cannot. */
  missing?: string;
}

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export function configureTargets(data: NotifyData | undefined, env: Record<string, string | undefined>): Map<string, ConfiguredTarget> {
  const out = new Map<string, ConfiguredTarget>();
  for (const t of data?.targets ?? []) {
    const url = t.url_env ? env[t.url_env]?.trim() || undefined : undefined;
    if (t.kind === 'pagerduty') {
      const routingKey = t.routing_key_env ? env[t.routing_key_env]?.trim() || undefined : undefined;
      out.set(t.id, { id: t.id, kind: t.kind, url: url ?? PAGERDUTY_EVENTS_URL, routingKey, missing: routingKey ? undefined : `${t.routing_key_env ?? 'routing_key_env'} is not set` });
    } else {
      out.set(t.id, { id: t.id, kind: t.kind, url, missing: url ? undefined : `${t.url_env ?? 'url_env'} is not set` });
    }
  }
  return out;
}

export interface Notification {
  /** Stable for one incident and step: PagerDuty's dedup key, and a header for webhooks. */
  key: string;
  incidentId: string;
  /** Subject template ({{field}} placeholders), filled with raw fields. */
  subject: string;
  /**
   * Body template: trusted markup with {{field}} placeholders. Every value from people or alerts (title, services,
   * handles, the step's action) is a field, escaped for each target's markup as `handbook notify` escapes it.
   */
  body: string;
  severity: string;
  /** The severity's rank: 0 is the most severe. */
  rank: number;
  fields: Record<string, string | undefined>;
  template: string;
  /** Offer an Acknowledge button (Slack) for pages of the responder chain. */
  ackButton?: boolean;
}

function pagerdutySeverity(rank: number): 'critical' | 'error' | 'warning' | 'info' {
  return (['critical', 'error', 'warning'] as const)[rank] ?? 'info';
}

/** The JSON body a target receives. Slack, Teams and webhooks go through renderPayload (lib/notify), like the CLI. */
export function payloadForTarget(t: ConfiguredTarget, n: Notification): unknown {
  const message = { subject: n.subject, body: n.body, fields: n.fields, template: n.template };
  switch (t.kind) {
    case 'pagerduty':
      // PagerDuty shows plain text: raw fields.
      return {
        routing_key: t.routingKey,
        event_action: 'trigger',
        // One PagerDuty alert per step: with the incident's id as the key, PagerDuty would fold every later step into the
        // first alert while it is open, and the secondary, commander and leadership pages would ring no one.
        dedup_key: n.key || n.incidentId,
        payload: { summary: fillTemplate(n.subject, n.fields).slice(0, 1024), source: 'handbook-responder', severity: pagerdutySeverity(n.rank), custom_details: { text: fillTemplate(n.body, n.fields), step: n.key } },
      };
    case 'slack': {
      const base = renderPayload('slack', message) as { text: string; blocks: unknown[] };
      if (!n.ackButton) return base;
      return {
        ...base,
        blocks: [
          ...base.blocks,
          { type: 'actions', elements: [{ type: 'button', action_id: 'acknowledge', text: { type: 'plain_text', text: 'Acknowledge' }, value: n.incidentId, style: 'primary' }] },
        ],
      };
    }
    case 'teams':
      return renderPayload('teams', message);
    default:
      return { ...(renderPayload('webhook', message) as object), key: n.key };
  }
}

export interface Delivery {
  medium: Medium;
  delivered: boolean;
  /** At least one target was configured and tried (a failure then is "failed", otherwise "undelivered"). */
  attempted: boolean;
  /** One line per target tried, without URLs or keys. */
  results: { target: string; ok: boolean; detail: string }[];
  reason?: string;
}

export type Sender = (url: string, payload: unknown) => Promise<SendResult>;

export class Notifier {
  constructor(
    private readonly data: NotifyData | undefined,
    private readonly targets: Map<string, ConfiguredTarget>,
    private readonly sender: Sender = (url, payload) => send(url, payload, { retries: 2, timeoutMs: 5000, backoffMs: 200 }),
  ) {}

  /** What must never appear in a log, a record or an error: the target's URL and key. */
  private secretsOf(t: ConfiguredTarget): string[] {
    return [t.url ?? '', t.routingKey ?? ''];
  }

  targetsFor(medium: Medium): string[] {
    return this.data?.mediums?.[medium] ?? [];
  }

  /** Sends to every target of the medium; delivered when at least one accepted it. */
  async deliver(medium: Medium, n: Notification): Promise<Delivery> {
    const ids = this.targetsFor(medium);
    if (ids.length === 0) return { medium, delivered: false, attempted: false, results: [], reason: `no notify target is configured for "${medium}" (data/notify-targets.yaml)` };
    const results: Delivery['results'] = [];
    let attempted = false;
    for (const id of ids) {
      const t = this.targets.get(id);
      if (!t) {
        results.push({ target: id, ok: false, detail: 'unknown target' });
        continue;
      }
      if (t.missing || !t.url) {
        results.push({ target: id, ok: false, detail: t.missing ?? 'no URL' });
        continue;
      }
      attempted = true;
      try {
        const r = await this.sender(t.url, payloadForTarget(t, n));
        results.push({ target: id, ok: r.ok, detail: r.ok ? `HTTP ${r.status}` : redact(r.error ?? `HTTP ${r.status}`, this.secretsOf(t)) });
      } catch (e) {
        results.push({ target: id, ok: false, detail: redact(String((e as Error).message), this.secretsOf(t)) });
      }
    }
    const delivered = results.some((r) => r.ok);
    return { medium, delivered, attempted, results, reason: delivered ? undefined : results.map((r) => `${r.target}: ${r.detail}`).join('; ') };
  }
}
