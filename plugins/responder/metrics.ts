/** /metrics in Prometheus text format. Drills are left out of the incident gauges and counted apart. */
import type { Responder } from '../incidents/responder';

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function metricsText(r: Responder, now: Date): string {
  const m = r.metrics;
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, rows: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of rows) {
      const l = Object.entries(labels).map(([k, x]) => `${k}="${esc(x)}"`).join(',');
      out.push(`${name}${l ? `{${l}}` : ''} ${Number.isFinite(v) ? v : 0}`);
    }
  };
  const open = r.list({ status: 'open' });
  const levels = r.levels().map((l) => l.id);
  metric('handbook_open_incidents', 'gauge', 'Open incidents by severity (drills excluded).', levels.map((s) => [{ severity: s }, open.filter((i) => i.fm.severity === s && i.fm.drill !== true).length]));
  metric('handbook_open_drill_incidents', 'gauge', 'Open incidents opened by drills.', [[{}, open.filter((i) => i.fm.drill === true).length]]);
  metric('handbook_alert_notifications_total', 'counter', 'Alertmanager notifications received.', [[{}, m.alertNotifications]]);
  metric('handbook_alerts_received_total', 'counter', 'Alerts received (all notifications).', [[{}, m.alertsReceived]]);
  metric('handbook_alerts_not_declared_total', 'counter', 'Alerts whose severity does not auto-declare an incident.', [[{}, m.alertsNotDeclared]]);
  metric('handbook_incidents_opened_total', 'counter', 'Incidents opened by this process.', [[{}, m.incidentsOpened]]);
  const vias = ['page', 'phone', 'chat', 'email', 'ticket'];
  metric('handbook_notifications_sent_total', 'counter', 'Escalation and communication steps delivered, by medium.', vias.map((v) => [{ via: v }, m.pagesSent[v] ?? 0]));
  metric('handbook_notifications_failed_total', 'counter', 'Steps whose targets all failed, by medium.', vias.map((v) => [{ via: v }, m.pagesFailed[v] ?? 0]));
  metric('handbook_notifications_not_delivered_total', 'counter', 'Steps not delivered (failed, or no target configured for the medium), by medium.', vias.map((v) => [{ via: v }, m.notDelivered[v] ?? 0]));
  metric('handbook_escalation_step_lag_seconds_sum', 'counter', 'Sum of delays between a step falling due and its delivery.', [[{}, m.stepLagSum]]);
  metric('handbook_escalation_step_lag_seconds_count', 'counter', 'Steps measured for lag.', [[{}, m.stepLagCount]]);
  metric('handbook_escalation_steps_unknown_total', 'counter', 'Steps a crash left mid-send (not re-sent).', [[{}, m.stepsUnknownAfterRestart]]);
  metric('handbook_heartbeat_age_seconds', 'gauge', 'Seconds since the last heartbeat (Watchdog) alert; -1 before the first.', [[{}, m.lastHeartbeat ? Math.round((now.getTime() - m.lastHeartbeat.getTime()) / 1000) : -1]]);
  metric('handbook_heartbeat_missing', 'gauge', '1 when heartbeat alerts stopped arriving.', [[{}, m.heartbeatMissing ? 1 : 0]]);
  return `${out.join('\n')}\n`;
}
