/** `handbook notify`: render a communication template with an incident's fields and post it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultIncidentChannel, formatUtc, nextUpdateDue } from '../../plugins/lib/comm-template';
import type { IncidentRecord } from '../../plugins/lib/metrics';
import { redact, renderPayload, send, type Target } from '../../plugins/lib/notify';
import { roleWithFunction } from '../../plugins/lib/roles';
import { parseDuration, humanDuration } from '../../plugins/lint/duration';
import { parseFrontMatter } from '../../plugins/lint/frontmatter';
import { UsageError } from './errors';
import { loadIndex, openProject, parseNow } from './project';
import { serviceEntries, severityLevels, templateEntries } from '../../plugins/lint/registries';

export interface NotifyOptions {
  incident: string;
  template: string;
  to: string;
  url?: string;
  dryRun?: boolean;
  retries: string;
  timeout: string;
  now?: string;
  set?: string[];
}

/** The first paragraph of a section of the body, as plain text. */
function sectionText(body: string, title: string): string | undefined {
  const m = new RegExp(`^##\\s+${title}\\s*$\\n+([\\s\\S]*?)(?=\\n##\\s|$)`, 'mi').exec(body);
  return m?.[1]
    .trim()
    .split(/\n\s*\n/)[0]
    ?.replace(/\s+/g, ' ');
}

export async function notifyCommand(opts: NotifyOptions): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  if (!['slack', 'teams', 'webhook'].includes(opts.to)) throw new UsageError(`--to must be slack, teams or webhook, got "${opts.to}"`);
  const url = opts.url ?? process.env.HANDBOOK_WEBHOOK_URL;
  if (!opts.dryRun && !url) throw new UsageError('--url (or HANDBOOK_WEBHOOK_URL) is needed unless --dry-run');
  // Never echo the URL: a webhook URL is the secret.
  if (url && !/^https?:\/\/[^\s]+$/.test(url))
    throw new UsageError(`${opts.url !== undefined ? '--url' : 'HANDBOOK_WEBHOOK_URL'} must be an http(s) URL (${redact(url.slice(0, 200), [url])})`);
  const retries = Number(opts.retries);
  const timeout = Number(opts.timeout);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new UsageError('--retries must be a whole number from 0 to 10');
  if (!Number.isFinite(timeout) || timeout < 100) throw new UsageError('--timeout must be at least 100 (milliseconds)');
  const templates = templateEntries(project);
  const template = templates.find((t) => t.id === opts.template);
  if (!template) throw new UsageError(`unknown template "${opts.template}": use one of ${templates.map((t) => t.id).join(', ')}`);
  const index = await loadIndex(project);
  const entry = [...index.byPath.values()].find((d) => d.type === 'incident' && d.frontmatter.id === opts.incident);
  if (!entry) throw new UsageError(`no incident ${opts.incident} under incidents/`);
  // An incident record's front matter (schemas/incident.schema.json); the linter reports records that do not match it.
  const fm = entry.frontmatter as Partial<IncidentRecord> & { roles?: Record<string, string> };
  const body = parseFrontMatter(readFileSync(path.join(project.root, entry.relPath), 'utf8')).content;
  const level = severityLevels(project).find((l) => l.id === fm.severity);
  const services = (fm.services ?? []).map((s) => serviceEntries(project).find((x) => x.id === s)?.name ?? s).join(', ');
  const end = fm.resolved_at ? Date.parse(fm.resolved_at) : undefined;
  const pm = [...index.byPath.values()].find((d) => d.type === 'postmortem' && d.frontmatter.incident === fm.id);
  const commanderRole = roleWithFunction(project.data.roles?.value, 'command');
  const fields: Record<string, string | undefined> = {
    id: fm.id,
    title: fm.title,
    severity: fm.severity,
    severity_name: level?.name,
    status: fm.status,
    services,
    summary: sectionText(body, 'Summary'),
    impact: sectionText(body, 'Impact') ?? sectionText(body, 'Summary'),
    started_at: fm.started_at && formatUtc(new Date(fm.started_at)),
    detected_at: fm.detected_at && formatUtc(new Date(fm.detected_at)),
    resolved_at: fm.resolved_at && formatUtc(new Date(fm.resolved_at)),
    duration: end && fm.started_at ? humanDuration(Math.round((end - Date.parse(fm.started_at)) / 60_000) * 60_000) : undefined,
    next_update: (() => {
      const due = nextUpdateDue({
        detectedAt: fm.detected_at ? new Date(fm.detected_at) : undefined,
        now,
        firstUpdateMs: parseDuration(level?.response?.first_update_within),
        updateEveryMs: parseDuration(level?.response?.update_every),
      });
      return due ? formatUtc(due) : undefined;
    })(),
    commander: commanderRole ? fm.roles?.[commanderRole] : undefined,
    incident_channel: defaultIncidentChannel(fm.id, fm.detected_at),
    postmortem_url: pm?.route,
  };
  for (const kv of opts.set ?? []) {
    const m = /^([a-z_]+)=(.*)$/s.exec(kv);
    if (!m) throw new UsageError(`--set needs field=value, got "${kv}"`);
    fields[m[1]] = m[2];
  }
  // Escaping for the target's markup happens in renderPayload (shared with the responder's notify targets).
  const payload = renderPayload(opts.to as Target, {
    subject: template.subject || undefined,
    body: template.body,
    fields,
    template: template.id,
    colour: level?.colour,
  });
  if (opts.dryRun) {
    process.stdout.write(JSON.stringify(payload, null, 2) + '\n');
    return 0;
  }
  const allowHosts = project.config.notify?.allow_hosts ?? [];
  const secrets = [url!, process.env.HANDBOOK_WEBHOOK_URL ?? ''];
  const result = await send(url!, payload, {
    retries,
    timeoutMs: timeout,
    allowHosts,
    secrets,
    log: (l) => process.stderr.write(`handbook notify: ${redact(l, secrets)}\n`),
  });
  if (!result.ok) {
    process.stderr.write(`handbook notify: delivery failed after ${result.attempts} attempt(s): ${redact(result.error ?? 'unknown error', secrets)}\n`);
    return 1;
  }
  process.stdout.write(`Sent "${template.name}" for ${fm.id} to ${opts.to} (HTTP ${result.status}, ${result.attempts} attempt(s))\n`);
  return 0;
}
