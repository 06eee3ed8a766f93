/** /metrics in Prometheus text format. Drills are left out of the incident gauges and counted apart. */
import type { Responder } from '../incidents/responder';
import type { IntakeStats } from '../incidents/alert-intake';

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function metricsText(r: Responder, now: Date, journal?: IntakeStats): string {
  const m = r.metrics;
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, rows: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of rows) {
      const l = Object.entries(labels)
        .map(([k, x]) => `${k}="${esc(x)}"`)
        .join(',');
      out.push(`${name}${l ? `{${l}}` : ''} ${Number.isFinite(v) ? v : 0}`);
    }
  };
  const open = r.list({ status: 'open' });
  const levels = r.severityIds();
  metric(
    'handbook_open_incidents',
    'gauge',
    'Open incidents by severity (drills excluded).',
    levels.map((s) => [{ severity: s }, open.filter((i) => i.fm.severity === s && i.fm.drill !== true).length]),
  );
  metric('handbook_open_drill_incidents', 'gauge', 'Open incidents opened by drills.', [[{}, open.filter((i) => i.fm.drill === true).length]]);
  metric('handbook_alert_notifications_total', 'counter', 'Alertmanager notifications received, heartbeats included (drills excluded).', [
    [{}, m.alertNotifications],
  ]);
  metric('handbook_alerts_received_total', 'counter', 'Alerts received in those notifications (drills excluded).', [[{}, m.alertsReceived]]);
  metric('handbook_alerts_not_declared_total', 'counter', 'Alerts whose severity does not auto-declare an incident.', [[{}, m.alertsNotDeclared]]);
  metric('handbook_incidents_opened_total', 'counter', 'Incidents opened by this process (drills excluded).', [[{}, m.incidentsOpened]]);
  metric('handbook_drill_alerts_received_total', 'counter', 'Alerts of drills (label drill="true").', [[{}, m.drillAlertsReceived]]);
  metric('handbook_drill_incidents_opened_total', 'counter', 'Incidents opened by drills in this process.', [[{}, m.drillIncidentsOpened]]);
  if (journal) {
    metric('handbook_alert_journal_appended', 'gauge', 'Highest alert journal entry written and synced (acknowledged to Alertmanager).', [
      [{}, journal.appended],
    ]);
    metric('handbook_alert_journal_pending', 'gauge', 'Acknowledged alert notifications not applied to the records yet.', [[{}, journal.pending]]);
    metric('handbook_alert_journal_failed_total', 'counter', 'Journaled notifications that could not be applied (see the log; they stay in the journal).', [
      [{}, journal.failed],
    ]);
  }
  const vias = ['page', 'phone', 'chat', 'email', 'ticket'];
  metric(
    'handbook_notifications_sent_total',
    'counter',
    'Escalation and communication steps delivered, by medium.',
    vias.map((v) => [{ via: v }, m.pagesSent[v] ?? 0]),
  );
  metric(
    'handbook_notifications_failed_total',
    'counter',
    'Steps whose targets all failed, by medium.',
    vias.map((v) => [{ via: v }, m.pagesFailed[v] ?? 0]),
  );
  metric(
    'handbook_notifications_not_delivered_total',
    'counter',
    'Steps not delivered (failed, or no target configured for the medium), by medium.',
    vias.map((v) => [{ via: v }, m.notDelivered[v] ?? 0]),
  );
  metric('handbook_escalation_step_lag_seconds_sum', 'counter', 'Sum of delays between a step falling due and its delivery.', [[{}, m.stepLagSum]]);
  metric('handbook_escalation_step_lag_seconds_count', 'counter', 'Steps measured for lag.', [[{}, m.stepLagCount]]);
  metric('handbook_escalation_steps_unknown_total', 'counter', 'Steps a crash left mid-send (not re-sent).', [[{}, m.stepsUnknownAfterRestart]]);
  metric('handbook_heartbeat_age_seconds', 'gauge', 'Seconds since the last heartbeat (Watchdog) alert; -1 before the first.', [
    [{}, m.lastHeartbeat ? Math.round((now.getTime() - m.lastHeartbeat.getTime()) / 1000) : -1],
  ]);
  metric('handbook_heartbeat_missing', 'gauge', '1 when heartbeat alerts stopped arriving.', [[{}, m.heartbeatMissing ? 1 : 0]]);
  const mem = process.memoryUsage();
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory of the responder process.', [[{}, mem.rss]]);
  metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [[{}, mem.heapUsed]]);
  metric('nodejs_heap_total_bytes', 'gauge', 'V8 heap reserved.', [[{}, mem.heapTotal]]);
  metric('nodejs_external_memory_bytes', 'gauge', 'Memory held outside the V8 heap (buffers).', [[{}, mem.external]]);
  return `${out.join('\n')}\n`;
}
