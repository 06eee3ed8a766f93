/**
 * From alert labels to a severity, services and an incident type, using data/alert-routing.yaml.
 * Matchers compare label values for equality (a list means "any of"); no regular expressions, so routing data
 * can never make the responder slow.
 */
import { incidentTypeEntries, objectOf, severityLevels } from '../lint/registries';
import type { Project } from '../lint/types';

export interface AlertRoute {
  match: Record<string, string | string[]>;
  severity: string;
  incident_type?: string;
}

export interface AlertRoutingData {
  severity_label?: string;
  service_label?: string;
  default_severity: string;
  default_service?: string;
  default_incident_type: string;
  mitigate_on_resolve?: boolean;
  /** The always-firing alert whose silence means the alerting pipeline is down (default Watchdog). */
  heartbeat_alertname?: string;
  heartbeat_timeout?: string;
  routes?: AlertRoute[];
}

/** data/alert-routing.yaml, with the defaults it may leave out: the least severe level and the first incident type. */
export function alertRoutingData(project: Project): AlertRoutingData {
  const levels = severityLevels(project);
  return {
    default_severity: levels[levels.length - 1]?.id ?? '',
    default_incident_type: incidentTypeEntries(project)[0]?.id ?? '',
    // Checked against schemas/alert-routing.schema.json when the project loaded.
    ...(objectOf(project.data['alert-routing']?.value) as Partial<AlertRoutingData>),
  };
}

export interface Routed {
  severity: string;
  incidentType: string;
  services: string[];
  /** The route that matched, as its index, or how the severity was found. */
  via: string;
}

function matches(route: AlertRoute, labels: Record<string, string>): boolean {
  return Object.entries(route.match).every(([k, v]) => (Array.isArray(v) ? v.includes(labels[k]) : labels[k] === v));
}

export function routeAlert(labels: Record<string, string>, data: AlertRoutingData, known: { severities: string[]; services: string[] }): Routed {
  const severityLabel = data.severity_label ?? 'severity';
  const serviceLabel = data.service_label ?? 'service';
  const services = String(labels[serviceLabel] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => known.services.includes(s));
  const withServices = (r: Omit<Routed, 'services'>): Routed => ({ ...r, services: services.length ? [...new Set(services)] : data.default_service ? [data.default_service] : [] });
  const index = (data.routes ?? []).findIndex((r) => matches(r, labels));
  if (index >= 0) {
    const r = data.routes![index];
    return withServices({ severity: r.severity, incidentType: r.incident_type ?? data.default_incident_type, via: `route ${index + 1}` });
  }
  const direct = labels[severityLabel];
  if (direct && known.severities.includes(direct)) return withServices({ severity: direct, incidentType: data.default_incident_type, via: `label ${severityLabel}` });
  return withServices({ severity: data.default_severity, incidentType: data.default_incident_type, via: 'default' });
}

/** Alertmanager's webhook body (version 4); Grafana's Alertmanager-compatible webhook sends the same shape. */
export interface AlertmanagerAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
  fingerprint?: string;
}

export interface AlertmanagerPayload {
  version?: string;
  groupKey: string;
  status: 'firing' | 'resolved';
  receiver?: string;
  groupLabels?: Record<string, string>;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  externalURL?: string;
  truncatedAlerts?: number;
  alerts: AlertmanagerAlert[];
}
