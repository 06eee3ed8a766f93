/**
 * `handbook incident open|update|close`: incident records as files, changed through the incident store
 * (plugins/incidents/store.ts), the same one the responder uses: ids are allocated under the store's exclusive lock,
 * each change re-reads the record under the lock, is validated, and replaces the file atomically.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { closeIncident, IncidentError, updateIncident } from '../../plugins/lib/incident-file';
import { roleWithFunction } from '../../plugins/lib/roles';
import { IncidentStore, StoreError } from '../../plugins/incidents/store';
import { LockTimeout } from '../../plugins/incidents/lock';
import { RecordInvalid, recordValidator } from '../../plugins/incidents/validate';
import { newRecordText, stamp } from '../../plugins/incidents/record';
import type { Project } from '../../plugins/lint/types';
import { incidentTypeEntries } from '../../plugins/lint/registries';
import { checkText, parseInstant } from './args';
import { UsageError } from './errors';
import { openProject, parseNow } from './project';

async function openStore(project: Project, now: Date): Promise<IncidentStore> {
  const validate = recordValidator(project, { now: () => now, reuseIndex: true });
  await validate.warm();
  return new IncidentStore({ root: project.root, validate, lock: { timeoutMs: 120_000 } });
}

/** Store and validation errors become the CLI's refusals (exit 1) or usage errors (exit 2). */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RecordInvalid) throw new IncidentError(e.message);
    if (e instanceof StoreError) throw e.code === 'not-found' ? new UsageError(e.message) : new IncidentError(e.message);
    if (e instanceof LockTimeout) throw new IncidentError(e.message);
    throw e;
  }
}

function timestamp(value: string | undefined, flag: string, fallback: Date): string {
  return stamp(value ? parseInstant(value, flag) : fallback);
}

export interface OpenOptions {
  title?: string;
  severity?: string;
  type?: string;
  services?: string;
  commander?: string;
  owner?: string;
  summary?: string;
  startedAt?: string;
  now?: string;
}

export async function incidentOpen(opts: OpenOptions): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  const missing = (['title', 'severity', 'type'] as const).filter((k) => !opts[k]);
  if (missing.length) throw new UsageError(`incident open needs ${missing.map((m) => `--${m}`).join(', ')}`);
  opts.title = checkText(opts.title!, '--title', 120);
  if (opts.summary !== undefined) opts.summary = checkText(opts.summary, '--summary', 2000);
  const severities = project.registries.get('severity') ?? [];
  if (!severities.includes(opts.severity!)) throw new UsageError(`unknown severity "${opts.severity}": use one of ${severities.join(', ')}`);
  const types = project.registries.get('incident-type') ?? [];
  if (!types.includes(opts.type!)) throw new UsageError(`unknown incident type "${opts.type}": use one of ${types.join(', ')}`);
  const services = (opts.services ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!services.length) throw new UsageError('incident open needs --services (comma-separated service ids)');
  const detected = stamp(now);
  const startedAt = timestamp(opts.startedAt, '--started-at', now);
  // The commander's role is the one whose function is "command" in data/roles.yaml, whatever its id.
  const commandRole = roleWithFunction(project.data.roles?.value, 'command');
  if (opts.commander && !commandRole)
    throw new UsageError('--commander needs a role with "function: command" in data/roles.yaml (the incident commander); add it to that role');
  const typeName = incidentTypeEntries(project).find((t) => t.id === opts.type)?.name ?? opts.type;
  const store = await openStore(project, now);
  const { incident } = await guarded(() =>
    store.create((id) => {
      const fm: Record<string, unknown> = {
        title: opts.title,
        type: 'incident',
        id,
        incident_type: opts.type,
        severity: opts.severity,
        status: 'investigating',
        services,
        ...(opts.owner ? { owner: opts.owner } : {}),
        ...(opts.commander && commandRole ? { roles: { [commandRole]: opts.commander } } : {}),
        started_at: startedAt,
        detected_at: detected,
      };
      const summary =
        opts.summary ??
        `${opts.title}. A ${opts.severity} ${String(typeName).toLowerCase()} affecting ${services.join(', ')}, opened from the command line. The incident commander keeps this summary current as facts are confirmed.`;
      return {
        title: opts.title!,
        year: now.getUTCFullYear(),
        text: newRecordText(fm, summary, {
          at: detected,
          text: `Incident opened at ${opts.severity}${opts.commander ? `, incident commander ${opts.commander}` : ''}.`,
        }),
      };
    }),
  );
  process.stdout.write(`Opened ${incident.id}: ${path.relative(process.cwd(), incident.abs)}\n`);
  return 0;
}

export async function incidentUpdate(id: string, opts: { status?: string; severity?: string; note?: string; at?: string; now?: string }): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  const at = timestamp(opts.at, '--at', now);
  if (opts.note !== undefined) opts.note = checkText(opts.note, '--note', 2000);
  if (!/^INC-\d{4,6}$/.test(id)) throw new UsageError(`"${id}" is not an incident id like INC-0042`);
  const store = await openStore(project, now);
  const severities = project.registries.get('severity') ?? [];
  const { incident } = await guarded(() =>
    store.update(
      id,
      (cur) => updateIncident(cur.text, { event: opts.status, severity: opts.severity, note: opts.note, at, knownSeverities: severities }),
      opts.status ?? 'updated',
    ),
  );
  process.stdout.write(`Updated ${id}: ${path.relative(process.cwd(), incident.abs)}\n`);
  return 0;
}

export async function incidentClose(id: string, opts: { note?: string; at?: string; now?: string }): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  const at = timestamp(opts.at, '--at', now);
  if (opts.note !== undefined) opts.note = checkText(opts.note, '--note', 2000);
  if (!/^INC-\d{4,6}$/.test(id)) throw new UsageError(`"${id}" is not an incident id like INC-0042`);
  const store = await openStore(project, now);
  const { incident } = await guarded(() => store.update(id, (cur) => closeIncident(cur.text, at, opts.note), 'closed'));
  process.stdout.write(`Closed ${id}: ${path.relative(process.cwd(), incident.abs)}\n`);
  return 0;
}

export { IncidentError, existsSync };
