/**
 * The responder's domain: alerts open or update incidents, events change them, and the escalation policy runs.
 * It knows nothing about HTTP: the Fastify host (responder/server.ts), drills and tests call these methods.
 *
 * State lives only in the records: each escalation or communication step gets one entry in the record's
 * `escalation` list (claimed as `sending` under the store lock before anything is sent, then `sent`, `failed`,
 * `undelivered` or `skipped`). After a restart, `tick()` recomputes what is due from the records; an entry left in
 * `sending` by a crash is marked `unknown` and not sent again (at most once: a page is never duplicated).
 */
import { createHash } from 'node:crypto';
import type { Project } from '../lint/types';
import {
  escalationPolicies,
  postmortemDueAt,
  roleEntries,
  rotations,
  serviceEntries,
  severityLevels,
  teamEntries,
  templateEntries,
  type SeverityLevel,
} from '../lint/registries';
import { EVENTS, IncidentError, updateIncident } from '../lib/incident-file';
import { parseDuration } from '../lint/duration';
import { defaultIncidentChannel, formatUtc, nextUpdateDue } from '../lib/comm-template';
import { siteLink } from '../lib/site-url';
import { alertRoutingData, routeAlert, type AlertmanagerPayload, type AlertRoutingData } from './alert-routing';
import { decide, planSteps, recipient, type Medium, type OnCallData, type PlannedStep, type Policy } from './escalation';
import { editRecord, newRecordText, pushItem, stamp, updateItem } from './record';
import { IncidentStore, StoreError, type StoredIncident } from './store';
import type { Notification, Notifier } from './targets';
import { isClosed } from '../lib/incident-status';

export type Level = SeverityLevel;

export interface ResponderOptions {
  store: IncidentStore;
  project: Project;
  notifier: Notifier;
  clock: () => Date;
  /** The runbook of an alert name (a site route), from runbooks' `alerts:` front matter. */
  runbookFor?: (alertname: string) => string | undefined;
  log?: (entry: Record<string, unknown>) => void;
  /** Seconds without a heartbeat (Watchdog) alert before the responder reports it (default 600). */
  heartbeatTimeoutS?: number;
  /**
   * Steps that fell due longer than this before the responder started (ms, default 6 h) are recorded as skipped
   * ("too late"), not sent: starting a responder on a repository with old open records must not page anyone for
   * them. Steps that fell due while it was down for a shorter time are sent late, once.
   */
  catchUpMs?: number;
  /** Where the handbook is published (site_url): a runbook route in a message becomes a link people can tap. */
  siteUrl?: string;
}

export interface Metrics {
  alertNotifications: number;
  alertsReceived: number;
  alertsNotDeclared: number;
  incidentsOpened: number;
  /** Incidents opened by drills (kept out of incidentsOpened). */
  drillIncidentsOpened: number;
  /** Alerts of drills (label drill="true"), kept out of alertsReceived. */
  drillAlertsReceived: number;
  pagesSent: Record<string, number>;
  pagesFailed: Record<string, number>;
  notDelivered: Record<string, number>;
  stepLagSum: number;
  stepLagCount: number;
  stepsUnknownAfterRestart: number;
  lastHeartbeat?: Date;
  heartbeatMissing: boolean;
}

export type EventInput =
  | { type: 'acknowledged'; at?: string; note?: string }
  | { type: 'status'; status: 'identified' | 'mitigated' | 'monitoring' | 'resolved'; at?: string; note?: string }
  | { type: 'severity'; severity: string; at?: string; note?: string }
  | { type: 'role'; role: string; handle: string; at?: string }
  | { type: 'note'; text: string; at?: string }
  | { type: 'public-update'; text: string; status?: string; at?: string };

export interface DeclareInput {
  title: string;
  severity: string;
  services: string[];
  incident_type?: string;
  summary?: string;
  commander?: string;
  drill?: boolean;
}

export class ResponderError extends Error {
  constructor(message: string, readonly status: 400 | 404 | 409 = 400) {
    super(message);
  }
}

const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

/** The steps a record has an entry for; an update reminder also counts as done once a later one is. */
function doneSteps(inc: StoredIncident): Set<string> {
  const done = new Set<string>((Array.isArray(inc.fm.escalation) ? inc.fm.escalation : []).map((e: { step?: string }) => String(e.step)));
  let last = 0;
  for (const k of done) if (k.startsWith('update/')) last = Math.max(last, Number(k.slice(7)) || 0);
  for (let n = 1; n < last; n++) done.add(`update/${n}`);
  return done;
}

export class Responder {
  readonly metrics: Metrics = {
    alertNotifications: 0,
    alertsReceived: 0,
    alertsNotDeclared: 0,
    incidentsOpened: 0,
    drillIncidentsOpened: 0,
    drillAlertsReceived: 0,
    pagesSent: {},
    pagesFailed: {},
    notDelivered: {},
    stepLagSum: 0,
    stepLagCount: 0,
    stepsUnknownAfterRestart: 0,
    heartbeatMissing: false,
  };
  private ticking: Promise<void> | undefined;
  private tickAgain: Promise<void> | undefined;
  private stopped = false;

  /** When this responder started (its clock): steps due long before it are not sent (catchUpMs). */
  private readonly startedAt: Date;

  constructor(private readonly o: ResponderOptions) {
    this.startedAt = o.clock();
  }

  // ---- data -------------------------------------------------------------------------------------------------
  private get data() {
    return this.o.project.data;
  }
  levels(): Level[] {
    return severityLevels(this.o.project);
  }
  level(id: string): Level | undefined {
    return this.levels().find((l) => l.id === id);
  }
  private policy(level: Level | undefined): Policy | undefined {
    return escalationPolicies(this.o.project).find((p) => p.id === level?.escalation_policy);
  }
  /** The roles in data/roles.yaml: id and, where given, function. */
  roles(): { id: string; function?: string }[] {
    return roleEntries(this.o.project);
  }
  /** The severity ids, most severe first. */
  severityIds(): string[] {
    return this.levels().map((l) => l.id);
  }
  /** A role id by its function (command, communications, scribe...): code never names a role id. */
  roleByFunction(fn: string): string | undefined {
    return roleEntries(this.o.project).find((r) => r.function === fn)?.id;
  }
  routingData(): AlertRoutingData {
    return alertRoutingData(this.o.project);
  }
  private oncall(): OnCallData {
    return { rotations: rotations(this.o.project), teams: teamEntries(this.o.project) };
  }
  private ownerOf(services: string[]): string | undefined {
    return serviceEntries(this.o.project).find((s) => s.id === services[0])?.owner;
  }
  private log(entry: Record<string, unknown>) {
    this.o.log?.(entry);
  }

  // ---- reading ------------------------------------------------------------------------------------------------
  list(filter: { status?: 'open' | string } = {}): StoredIncident[] {
    const all = this.o.store.list();
    if (!filter.status) return all;
    if (filter.status === 'open') return all.filter((i) => !isClosed(i.fm.status));
    return all.filter((i) => i.fm.status === filter.status);
  }
  get(id: string): StoredIncident {
    try {
      return this.o.store.get(id);
    } catch (e) {
      if (e instanceof StoreError) throw new ResponderError(e.message, e.code === 'not-found' ? 404 : 409);
      throw e;
    }
  }

  /** What the API returns for a record: its front matter, plus the text when asked. */
  view(inc: StoredIncident, withText = false): Record<string, unknown> {
    return { ...inc.fm, path: inc.relPath, next_update_due: this.nextUpdateDue(inc), ...(withText ? { text: inc.text } : {}) };
  }

  /** When the next status update is due (the first update reminder not yet sent), for the live view. */
  nextUpdateDue(inc: StoredIncident): string | undefined {
    if (isClosed(inc.fm.status)) return undefined;
    const done = doneSteps(inc);
    const next = this.plan(inc, this.o.clock()).find((s) => s.key.startsWith('update/') && !done.has(s.key));
    return next ? stamp(next.due) : undefined;
  }

  /** PagerDuty webhooks (v3): incident.acknowledged and incident.resolved come back to the record they paged for. */
  async pagerduty(body: unknown, actor: string): Promise<{ action: string; id?: string }> {
    const event = (body as { event?: { event_type?: string; data?: Record<string, unknown>; agent?: { summary?: string } } } | undefined)?.event;
    const type = event?.event_type;
    if (type !== 'incident.acknowledged' && type !== 'incident.resolved') return { action: 'ignored' };
    const data = event?.data ?? {};
    const id = [data.incident_key, data.dedup_key, data.title, data.summary].map((v) => (typeof v === 'string' ? /\bINC-\d{4,6}\b/.exec(v)?.[0] : undefined)).find(Boolean);
    if (!id) return { action: 'ignored' };
    const who = `${actor}${event?.agent?.summary ? ` ${String(event.agent.summary).slice(0, 60)}` : ''}`;
    try {
      if (type === 'incident.acknowledged') await this.event(id, { type: 'acknowledged', note: 'Acknowledged in PagerDuty' }, who);
      else await this.event(id, { type: 'status', status: 'resolved', note: 'Resolved in PagerDuty' }, who);
    } catch (e) {
      if (e instanceof ResponderError && e.status === 409) return { action: 'unchanged', id };
      throw e;
    }
    return { action: type === 'incident.acknowledged' ? 'acknowledged' : 'resolved', id };
  }

  // ---- alerts in ------------------------------------------------------------------------------------------------
  private alertLabels(p: AlertmanagerPayload) {
    const first = p.alerts.find((a) => a.status === 'firing') ?? p.alerts[0];
    const labels = { ...(p.commonLabels ?? {}), ...(p.commonLabels ? {} : first?.labels ?? {}) };
    return { first, labels };
  }

  /** Whether the notification is the always-firing heartbeat (Watchdog): it only proves the pipeline works. */
  isHeartbeat(p: AlertmanagerPayload): boolean {
    const { first, labels } = this.alertLabels(p);
    const heartbeat = this.routingData().heartbeat_alertname ?? 'Watchdog';
    return (labels.alertname ?? first?.labels.alertname) === heartbeat;
  }

  /** Records a heartbeat notification (nothing is written). */
  heartbeat(): { action: 'heartbeat' } {
    this.metrics.alertNotifications++;
    this.metrics.lastHeartbeat = this.o.clock();
    if (this.metrics.heartbeatMissing) this.log({ msg: 'heartbeat alerts are arriving again' });
    this.metrics.heartbeatMissing = false;
    return { action: 'heartbeat' };
  }

  private route(p: AlertmanagerPayload) {
    const { first, labels } = this.alertLabels(p);
    const known = { severities: this.severityIds(), services: this.o.project.registries.get('service') ?? [] };
    return routeAlert({ ...(first?.labels ?? {}), ...labels }, this.routingData(), known);
  }

  /**
   * The checks a notification must pass before it is accepted into the journal (pure, no I/O): a notification that
   * would open an incident must name a known service, or the routing must give a default.
   */
  precheck(p: AlertmanagerPayload): void {
    if (this.isHeartbeat(p)) return;
    const routed = this.route(p);
    if (p.status === 'firing' && this.level(routed.severity)?.auto_declare && !routed.services.length) {
      throw new ResponderError(`no known service in the alert's "${this.routingData().service_label ?? 'service'}" label and no default_service in data/alert-routing.yaml`);
    }
  }

  /**
   * Applies one Alertmanager notification. `source` is its place in the alert journal: a record remembers the last
   * journal entry applied to it (`alert_journal`), so replaying the journal after a crash changes nothing.
   */
  async alertmanager(p: AlertmanagerPayload, source?: { journal: string; seq: number }): Promise<{ action: 'opened' | 'updated' | 'unchanged' | 'not-declared' | 'heartbeat'; id?: string; severity?: string }> {
    if (this.isHeartbeat(p)) return this.heartbeat();
    const routing = this.routingData();
    const { first, labels } = this.alertLabels(p);
    const isDrill = labels.drill === 'true' || first?.labels.drill === 'true';
    if (isDrill) this.metrics.drillAlertsReceived += p.alerts.length;
    else {
      this.metrics.alertNotifications++;
      this.metrics.alertsReceived += p.alerts.length;
    }
    const routed = this.route(p);
    const level = this.level(routed.severity);
    const mark = source ? `${source.journal}:${source.seq}` : undefined;
    const applied = (inc: StoredIncident) => {
      const m = /^([0-9a-f]+):(\d+)$/.exec(String(inc.fm.alert_journal ?? ''));
      return !!source && !!m && m[1] === source.journal && Number(m[2]) >= source.seq;
    };
    const all = this.o.store.list();
    const done = all.find((i) => i.fm.alert_group === p.groupKey && applied(i));
    if (done) return { action: 'unchanged', id: done.id };
    const firing = p.alerts.filter((a) => a.status === 'firing');
    const digest = createHash('sha256')
      .update(JSON.stringify([p.status, firing.map((a) => a.fingerprint ?? JSON.stringify(a.labels)).sort()]))
      .digest('hex')
      .slice(0, 16);
    const existing = (all: StoredIncident[]) => all.find((i) => i.fm.alert_group === p.groupKey && i.fm.status !== 'closed');
    const current = existing(all);
    if (!current && (!level?.auto_declare || p.status === 'resolved')) {
      if (!isDrill) this.metrics.alertsNotDeclared += p.alerts.length;
      this.log({ msg: 'alert group not declared', severity: routed.severity, group: p.groupKey, status: p.status });
      return { action: 'not-declared', severity: routed.severity };
    }
    const alertname = labels.alertname ?? first?.labels.alertname ?? 'Alert';
    const now = this.o.clock();
    if (!current) {
      const starts = p.alerts.map((a) => Date.parse(a.startsAt)).filter((t) => Number.isFinite(t) && t > 0);
      const detected = new Date(starts.length ? Math.min(...starts) : now.getTime());
      const annotations = { ...(first?.annotations ?? {}), ...(p.commonAnnotations ?? {}) };
      const runbook = this.o.runbookFor?.(alertname) ?? (annotations.runbook_url && /^https?:\/\//.test(annotations.runbook_url) ? annotations.runbook_url : undefined);
      const services = routed.services.length ? routed.services : [];
      if (!services.length) throw new ResponderError(`no known service in the alert's "${routing.service_label ?? 'service'}" label and no default_service in data/alert-routing.yaml`);
      const title = `${alertname}${annotations.summary ? `: ${annotations.summary}` : ''}`.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 120).padEnd(3, '.');
      const { incident, created } = await this.o.store.create((id) => {
        const at = stamp(detected);
        const owner = this.ownerOf(services);
        const fm: Record<string, unknown> = {
          title,
          type: 'incident',
          id,
          incident_type: routed.incidentType,
          severity: routed.severity,
          status: 'investigating',
          services,
          ...(owner ? { owner } : {}),
          started_at: at,
          detected_at: at,
          detection: 'alert',
          ...(runbook ? { runbook } : {}),
          alert_group: p.groupKey,
          alert_digest: digest,
          ...(mark ? { alert_journal: mark } : {}),
          ...(isDrill ? { drill: true } : {}),
        };
        const summary = `Opened automatically by the responder: ${firing.length} alert${firing.length === 1 ? '' : 's'} firing (${alertname}) on ${services.join(', ')}. Severity ${routed.severity} from the alert routing (${routed.via}). The incident commander replaces this summary as facts are confirmed.`;
        return {
          title,
          year: detected.getUTCFullYear(),
          text: newRecordText(fm, summary, { at, text: `Alert ${alertname} fired; incident opened automatically at ${routed.severity}${runbook ? ` with runbook ${runbook}` : ''}.` }),
          message: `opened from alert ${alertname} at ${routed.severity}`,
        };
      }, existing);
      if (created) {
        if (incident.fm.drill === true) this.metrics.drillIncidentsOpened++;
        else this.metrics.incidentsOpened++;
        this.log({ msg: 'incident opened', id: incident.id, severity: routed.severity, group: p.groupKey });
        void this.tick();
        return { action: 'opened', id: incident.id, severity: routed.severity };
      }
      return this.alertUpdate(incident.id, p, digest, routing.mitigate_on_resolve === true, mark, applied);
    }
    return this.alertUpdate(current.id, p, digest, routing.mitigate_on_resolve === true, mark, applied);
  }

  private async alertUpdate(id: string, p: AlertmanagerPayload, digest: string, mitigate: boolean, mark: string | undefined, applied: (inc: StoredIncident) => boolean) {
    const at = stamp(this.o.clock());
    const firing = p.alerts.filter((a) => a.status === 'firing').length;
    const { changed } = await this.o.store.update(
      id,
      (cur) => {
        if (applied(cur)) return null; // this journal entry was applied before a crash
        if (cur.fm.alert_digest === digest) return null; // a retry or a repeat of what the record already says
        let text = editRecord(cur.text, (doc) => {
          doc.set('alert_digest', digest);
          if (mark) doc.set('alert_journal', mark);
        }, [
          { at, text: p.status === 'resolved' ? 'All alerts of the group resolved (Alertmanager).' : `Alerts firing again: ${firing} in the group (Alertmanager).` },
        ]);
        if (p.status === 'resolved' && mitigate && !cur.fm.mitigated_at && ['investigating', 'identified'].includes(cur.fm.status ?? '')) {
          text = updateIncident(text, {
            event: 'mitigated',
            at,
            note: 'Marked mitigated because every alert of the group resolved (data/alert-routing.yaml: mitigate_on_resolve)',
            knownSeverities: this.severityIds(),
            automatic: true,
          });
        }
        return text;
      },
      p.status === 'resolved' ? 'alerts resolved' : 'alerts firing',
      { trusted: p.status === 'firing' },
    );
    return { action: changed ? ('updated' as const) : ('unchanged' as const), id };
  }

  // ---- tracking -------------------------------------------------------------------------------------------------
  async declare(input: DeclareInput, actor: string): Promise<StoredIncident> {
    const level = this.level(input.severity);
    if (!level) throw new ResponderError(`unknown severity "${input.severity}": use one of ${this.severityIds().join(', ')}`);
    const known = this.o.project.registries.get('service') ?? [];
    const bad = input.services.filter((s) => !known.includes(s));
    if (bad.length || !input.services.length) throw new ResponderError(`unknown or missing services: ${bad.join(', ') || '(none)'}; use ids from data/services.yaml`);
    const type = input.incident_type ?? this.routingData().default_incident_type;
    const commandRole = this.roleByFunction('command');
    const now = this.o.clock();
    const at = stamp(now);
    const { incident } = await this.o.store.create((id) => {
      const owner = this.ownerOf(input.services);
      const fm: Record<string, unknown> = {
        title: input.title,
        type: 'incident',
        id,
        incident_type: type,
        severity: input.severity,
        status: 'investigating',
        services: input.services,
        ...(owner ? { owner } : {}),
        ...(input.commander && commandRole ? { roles: { [commandRole]: input.commander } } : {}),
        started_at: at,
        detected_at: at,
        ...(input.drill ? { drill: true } : {}),
      };
      const summary = input.summary ?? `${input.title}. Declared by ${actor} at ${input.severity} affecting ${input.services.join(', ')}. The incident commander keeps this summary current as facts are confirmed.`;
      return { title: input.title, year: now.getUTCFullYear(), text: newRecordText(fm, summary, { at, text: `Incident declared at ${input.severity} by ${actor}.` }), message: `declared at ${input.severity} by ${actor}` };
    });
    if (input.drill) this.metrics.drillIncidentsOpened++;
    else this.metrics.incidentsOpened++;
    void this.tick();
    return incident;
  }

  async event(id: string, ev: EventInput, actor: string): Promise<StoredIncident> {
    this.get(id); // 404 before anything else
    const at = ev.at ? stamp(new Date(ev.at)) : stamp(this.o.clock());
    if (Number.isNaN(Date.parse(at))) throw new ResponderError(`"at" is not a timestamp: ${ev.at}`);
    const by = ` (by ${actor})`;
    const severities = this.severityIds();
    try {
      const { incident } = await this.o.store.update(
        id,
        (cur) => {
          switch (ev.type) {
            case 'acknowledged':
              return updateIncident(cur.text, { event: 'acknowledged', note: `${ev.note ? `${ev.note} ` : ''}${by.trim()}`, at, knownSeverities: severities });
            case 'status':
              if (!EVENTS[ev.status]) throw new ResponderError(`unknown status "${ev.status}"`);
              return updateIncident(cur.text, { event: ev.status, note: `${ev.note ? `${ev.note} ` : ''}${by.trim()}`, at, knownSeverities: severities });
            case 'severity':
              return updateIncident(cur.text, { severity: ev.severity, note: `${ev.note ? `${ev.note} ` : ''}${by.trim()}`, at, knownSeverities: severities });
            case 'note':
              return updateIncident(cur.text, { note: `${ev.text}${by}`, at, knownSeverities: severities });
            case 'role':
              return editRecord(cur.text, (doc) => doc.setIn(['roles', ev.role], ev.handle), [{ at, text: `${ev.handle} is ${ev.role}${by}.` }]);
            case 'public-update':
              return editRecord(cur.text, (doc) => pushItem(doc, 'public_updates', { at, status: ev.status ?? cur.fm.status, text: ev.text }), [{ at, text: `Status page update posted${by}: ${ev.text}` }]);
          }
        },
        ev.type === 'status' ? ev.status : ev.type,
      );
      this.log({ msg: 'incident event', id, type: ev.type, actor });
      void this.tick();
      return incident;
    } catch (e) {
      if (e instanceof IncidentError) throw new ResponderError(e.message, 409);
      if (e instanceof StoreError) throw new ResponderError(e.message, e.code === 'not-found' ? 404 : 409);
      throw e;
    }
  }

  // ---- escalation -----------------------------------------------------------------------------------------------
  /** The policy's steps plus the communication steps (declared message, update reminders, postmortem reminder). */
  plan(inc: StoredIncident, now: Date): PlannedStep[] {
    const level = this.level(inc.fm.severity ?? '');
    const detected = new Date(inc.fm.detected_at ?? NaN);
    const policy = this.policy(level);
    const steps = policy ? planSteps(policy, detected) : [];
    const comms = this.roleByFunction('communications');
    const command = this.roleByFunction('command');
    const extra: PlannedStep[] = [];
    const declared = (this.data['notify-targets']?.value as { on_declare?: { template?: string; via?: Medium } } | undefined)?.on_declare;
    if (declared?.template) extra.push({ key: 'declared', index: -1, due: detected, afterMs: 0, via: declared.via ?? 'chat', target: {}, responderChain: false, action: `template:${declared.template}` });
    const first = parseDuration(level?.response?.first_update_within);
    const every = parseDuration(level?.response?.update_every);
    if (comms && first !== undefined && every) {
      // Reminders stop at the resolution.
      const horizon = Math.min(now.getTime() + every, inc.fm.resolved_at ? Date.parse(inc.fm.resolved_at) : Infinity);
      for (let n = 0, t = detected.getTime() + first; t <= horizon && n < 200; n++, t += every) {
        extra.push({ key: `update/${n + 1}`, index: 1000 + n, due: new Date(t), afterMs: t - detected.getTime(), via: 'chat', target: { role: comms }, responderChain: false, action: 'Post the next status update (the severity\'s update cadence).' });
      }
    }
    const dueAt = postmortemDueAt(level, Date.parse(inc.fm.resolved_at ?? ''));
    if (level?.postmortem?.required && dueAt?.windowMs && command) {
      const t = dueAt.due - Math.min(86_400_000, dueAt.windowMs / 2);
      extra.push({ key: 'postmortem', index: 2000, due: new Date(t), afterMs: t - detected.getTime(), via: 'chat', target: { role: command }, responderChain: false, action: 'The postmortem is due soon: publish it or agree a new date.', afterResolution: true });
    }
    return [...steps, ...extra].sort((a, b) => a.due.getTime() - b.due.getTime() || a.index - b.index);
  }

  /** Runs every due step of every incident that is not closed. Calls never overlap. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    // Calls during a run are coalesced into one more run after it: a storm of new incidents costs two runs, not one each.
    if (this.ticking) {
      this.tickAgain ??= this.ticking.then(() => {
        this.tickAgain = undefined;
        return this.tick();
      });
      return this.tickAgain;
    }
    this.ticking = this.runTick().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /**
   * Graceful shutdown: no new escalation run starts, the one in progress stops after the incident it is handling
   * (its steps are recorded sent or not), and this resolves when it has. Steps due later are not lost: the next
   * start recomputes them from the records.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.ticking?.catch(() => undefined);
  }

  private async runTick(): Promise<void> {
    const now = this.o.clock();
    this.checkHeartbeat(now);
    for (const inc of this.list()) {
      if (this.stopped) return;
      if (inc.fm.status === 'closed') continue;
      try {
        await this.runIncident(inc.id, now);
      } catch (e) {
        this.log({ msg: 'escalation error', id: inc.id, error: (e as Error).message });
      }
      // One incident at a time: webhooks and API calls waiting meanwhile are answered in between.
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  /**
   * Reports once when heartbeat alerts stop. When data/alert-routing.yaml names a heartbeat alert, one is expected
   * from the start: a pipeline that never delivered one is reported too, counted from the responder's start.
   */
  private checkHeartbeat(now: Date) {
    if (this.metrics.heartbeatMissing) return;
    const last = this.metrics.lastHeartbeat;
    const expected = this.routingData().heartbeat_alertname !== undefined;
    if (!last && !expected) return;
    const since = last ?? this.startedAt;
    const limit = (this.o.heartbeatTimeoutS ?? 600) * 1000;
    if (now.getTime() - since.getTime() <= limit) return;
    this.metrics.heartbeatMissing = true;
    this.log({ msg: 'heartbeat alerts stopped: Alertmanager or Prometheus may not be delivering alerts', last: last ? stamp(last) : 'never' });
    void this.o.notifier.deliver('chat', {
      key: 'heartbeat',
      incidentId: '',
      subject: 'Alerting heartbeat stopped',
      severity: '',
      rank: 0,
      fields: { last: stamp(since) },
      template: 'heartbeat',
      body: last
        ? 'No heartbeat alert since {{last}}: alerts may not be reaching the responder. Check Prometheus and Alertmanager now.'
        : 'No heartbeat alert since the responder started at {{last}}: alerts may not be reaching the responder. Check Prometheus and Alertmanager now.',
    });
  }

  private claim(inc: StoredIncident, now: Date) {
    const done = doneSteps(inc);
    const state = {
      detectedAt: new Date(inc.fm.detected_at ?? NaN),
      acknowledgedAt: inc.fm.acknowledged_at ? new Date(inc.fm.acknowledged_at) : undefined,
      mitigatedAt: inc.fm.mitigated_at ? new Date(inc.fm.mitigated_at) : undefined,
      resolvedAt: inc.fm.resolved_at ? new Date(inc.fm.resolved_at) : undefined,
      done,
    };
    const d = decide(this.plan(inc, now), state, now);
    // Update reminders: only the latest one due is sent (the earlier ones it supersedes are not recorded), and a
    // reminder skipped because the incident is resolved is not worth a line in the record.
    const dueUpdates = d.send.filter((s) => s.key.startsWith('update/'));
    const latest = dueUpdates[dueUpdates.length - 1];
    const send = d.send.filter((s) => !s.key.startsWith('update/') || s === latest);
    const skip = d.skip.filter((s) => !(s.step.key.startsWith('update/') && s.reason === 'resolved'));
    // Steps that fell due long before this responder started are recorded, not sent.
    const tooLate = this.startedAt.getTime() - (this.o.catchUpMs ?? 6 * 3_600_000);
    return {
      ...d,
      send: send.filter((s) => s.due.getTime() >= tooLate),
      skip: [...skip, ...send.filter((s) => s.due.getTime() < tooLate).map((step) => ({ step, reason: `too late: due ${stamp(step.due)}, long before the responder started` }))],
    };
  }

  private async runIncident(id: string, now: Date): Promise<void> {
    const peek = this.claim(this.o.store.get(id), now);
    if (!peek.send.length && !peek.skip.length) return;
    const owning = this.ownerOf(this.o.store.get(id).fm.services ?? []);
    let claimed: { step: PlannedStep; to: string }[] = [];
    // Claim under the lock: decide again on the text read under the lock, so two runners never both send a step.
    await this.o.store.update(id, (cur) => {
      const d = this.claim(cur, now);
      claimed = d.send.map((step) => ({ step, to: this.addressee(cur, step, owning) }));
      if (!d.send.length && !d.skip.length) return null;
      const at = stamp(now);
      return editRecord(
        cur.text,
        (doc) => {
          for (const s of d.skip) pushItem(doc, 'escalation', { step: s.step.key, due: stamp(s.step.due), via: s.step.via, state: 'skipped', detail: s.reason });
          for (const c of claimed) pushItem(doc, 'escalation', { step: c.step.key, due: stamp(c.step.due), via: c.step.via, ...(c.to ? { to: c.to } : {}), state: 'sending' });
        },
        d.skip.filter((s) => s.step.responderChain).map((s) => ({ at, text: `Escalation step ${s.step.key} (${s.step.via} ${s.step.target.role ?? s.step.target.team ?? ''}) not sent: ${s.reason}.` })),
      );
    }, 'escalation', { trusted: true });
    if (!claimed.length) return;
    const inc = this.o.store.get(id);
    const results: { key: string; state: string; detail: string; at: string; line: string }[] = [];
    for (const { step, to } of claimed) {
      const n = this.notification(inc, step, to);
      const delivery = await this.o.notifier.deliver(step.via, n);
      const at = this.o.clock();
      this.metrics.stepLagSum += Math.max(0, (at.getTime() - step.due.getTime()) / 1000);
      this.metrics.stepLagCount++;
      const state = delivery.delivered ? 'sent' : delivery.attempted ? 'failed' : 'undelivered';
      if (delivery.delivered) bump(this.metrics.pagesSent, step.via);
      else if (state === 'failed') bump(this.metrics.pagesFailed, step.via);
      if (!delivery.delivered) bump(this.metrics.notDelivered, step.via);
      const detail = delivery.delivered ? delivery.results.filter((r) => r.ok).map((r) => r.target).join(', ') : (delivery.reason ?? 'not delivered').slice(0, 280);
      const what = step.key === 'declared' ? 'Declared message' : step.key.startsWith('update/') ? `Update reminder ${step.key.slice(7)}` : step.key === 'postmortem' ? 'Postmortem reminder' : `Escalation step ${step.key}`;
      const line = `${what}: ${step.via}${to ? ` to ${to}` : ''}${step.target.role || step.target.team ? ` (${step.target.role ?? step.target.team})` : ''} ${delivery.delivered ? `sent via ${detail}` : `NOT delivered: ${detail}`}.`;
      results.push({ key: step.key, state, detail, at: stamp(at), line });
      this.log({ msg: 'escalation step', id, step: step.key, via: step.via, state });
    }
    await this.o.store.update(id, (cur) =>
      editRecord(
        cur.text,
        (doc) => {
          for (const r of results) updateItem(doc, 'escalation', 'step', r.key, { state: r.state, at: r.at, detail: r.detail });
        },
        results.map((r) => ({ at: r.at, text: r.line })),
      ), 'escalation steps sent', { trusted: true });
  }

  /**
   * Who a step is addressed to. Reminders (status updates, the postmortem) go to the person the record names in the
   * role, who has the work in hand; pages, and reminders for a role nobody has taken, go to whoever holds the role's
   * rotation when the step falls due.
   */
  private addressee(inc: StoredIncident, step: PlannedStep, owning: string | undefined): string {
    if (!step.target.role && !step.target.team) return '';
    const reminder = step.key === 'postmortem' || step.key.startsWith('update/');
    const named = reminder && step.target.role ? inc.fm.roles?.[step.target.role] : undefined;
    return typeof named === 'string' && named.trim() ? named : recipient(step.target, step.due, this.oncall(), owning).who;
  }

  /** A drill's messages reach real people through the real targets: they say so first, in the subject and the text. */
  private notification(inc: StoredIncident, step: PlannedStep, to: string): Notification {
    const n = this.composeNotification(inc, step, to);
    if (inc.fm.drill !== true) return n;
    return { ...n, subject: `DRILL - ${n.subject}`, body: `DRILL: an exercise, not a real incident.\n${n.body}` };
  }

  private composeNotification(inc: StoredIncident, step: PlannedStep, to: string): Notification {
    const level = this.level(inc.fm.severity ?? '');
    const rank = Math.max(0, this.levels().findIndex((l) => l.id === inc.fm.severity));
    const command = this.roleByFunction('command');
    const fields: Record<string, string | undefined> = {
      id: inc.id,
      title: inc.fm.title,
      severity: inc.fm.severity,
      severity_name: level?.name,
      status: inc.fm.status,
      services: (inc.fm.services ?? []).join(', '),
      detected_at: inc.fm.detected_at,
      started_at: inc.fm.started_at,
      commander: command ? inc.fm.roles?.[command] : undefined,
      summary: undefined,
      incident_channel: defaultIncidentChannel(inc.id, inc.fm.detected_at),
      next_update: (() => {
        const due = nextUpdateDue({
          detectedAt: inc.fm.detected_at ? new Date(inc.fm.detected_at) : undefined,
          now: this.o.clock(),
          firstUpdateMs: parseDuration(level?.response?.first_update_within),
          updateEveryMs: parseDuration(level?.response?.update_every),
        });
        return due ? formatUtc(due) : undefined;
      })(),
    };
    // Templates and the page text are markup with {{field}} placeholders; every value from people or alerts is a
    // field, escaped per target (Slack, Teams) by the notify targets exactly as `handbook notify` escapes it.
    const subject = '[{{severity}}] {{id}} {{title}}';
    if (step.action?.startsWith('template:')) {
      const id = step.action.slice(9);
      const t = templateEntries(this.o.project).find((x) => x.id === id);
      if (t) return { key: `${inc.id}/${step.key}`, incidentId: inc.id, subject: t.subject ?? subject, body: t.body ?? '', severity: inc.fm.severity ?? '', rank, fields, template: id };
    }
    const page: Record<string, string | undefined> = {
      ...fields,
      to: to || 'the on-call',
      target: step.target.role ?? step.target.team,
      action: step.action,
      runbook: typeof inc.fm.runbook !== 'string' ? undefined : inc.fm.runbook.startsWith('/') ? siteLink(this.o.siteUrl, inc.fm.runbook) : inc.fm.runbook,
    };
    const lines = [
      `${step.via === 'page' || step.via === 'phone' ? 'Page' : 'Notice'} for {{to}}${page.target ? ' ({{target}})' : ''}${page.action ? ': {{action}}' : ''}`,
      'Services: {{services}}. Detected {{detected_at}}. Status: {{status}}.',
      page.runbook ? 'Runbook: {{runbook}}' : '',
      step.responderChain ? 'Acknowledge with "/incident ack {{id}}" or the button.' : '',
    ].filter(Boolean);
    return { key: `${inc.id}/${step.key}`, incidentId: inc.id, subject, body: lines.join('\n'), severity: inc.fm.severity ?? '', rank, fields: page, template: 'page', ackButton: step.responderChain };
  }

  /** After a restart: steps a crash left in `sending` are marked `unknown` and not sent again. */
  async recover(): Promise<number> {
    let count = 0;
    for (const inc of this.list()) {
      const stuck = (Array.isArray(inc.fm.escalation) ? inc.fm.escalation : []).filter((e: { state?: string }) => e.state === 'sending');
      if (!stuck.length) continue;
      const at = stamp(this.o.clock());
      await this.o.store.update(inc.id, (cur) =>
        editRecord(
          cur.text,
          (doc) => {
            for (const s of stuck) updateItem(doc, 'escalation', 'step', s.step, { state: 'unknown', detail: 'the responder stopped while sending; not sent again' });
          },
          stuck.map((s: { step: string }) => ({ at, text: `Escalation step ${s.step}: the responder stopped while sending it; it is not sent again (check the target).` })),
        ), 'recovered after restart', { trusted: true });
      count += stuck.length;
    }
    this.metrics.stepsUnknownAfterRestart += count;
    return count;
  }
}
