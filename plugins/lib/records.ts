/** Incident and postmortem records from the document index (front matter), for metrics, the dashboard and exports. */
import type { ProjectIndex } from '../lint/types';
import type { IncidentRecord, PostmortemRecord } from './metrics';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function incidentRecords(index: ProjectIndex): IncidentRecord[] {
  return [...index.byPath.values()]
    .filter((d) => d.type === 'incident' && typeof d.frontmatter.id === 'string' && typeof d.frontmatter.detected_at === 'string')
    .map((d) => {
      const f = d.frontmatter;
      return {
        id: String(f.id),
        title: String(f.title ?? f.id),
        route: d.route,
        relPath: d.relPath,
        incident_type: String(f.incident_type ?? ''),
        severity: String(f.severity ?? ''),
        status: String(f.status ?? ''),
        services: strings(f.services),
        started_at: str(f.started_at),
        detected_at: String(f.detected_at),
        acknowledged_at: str(f.acknowledged_at),
        mitigated_at: str(f.mitigated_at),
        resolved_at: str(f.resolved_at),
        closed_at: str(f.closed_at),
        example: f.example === true,
        ...(f.drill === true ? { drill: true } : {}),
      };
    })
    .sort((a, b) => a.detected_at.localeCompare(b.detected_at));
}

export function postmortemRecords(index: ProjectIndex): PostmortemRecord[] {
  return [...index.byPath.values()]
    .filter((d) => d.type === 'postmortem' && typeof d.frontmatter.incident === 'string')
    .map((d) => ({
      incident: String(d.frontmatter.incident),
      status: String(d.frontmatter.status ?? 'draft'),
      route: d.route,
      relPath: d.relPath,
      action_items: Array.isArray(d.frontmatter.action_items) ? (d.frontmatter.action_items as PostmortemRecord['action_items']) : [],
    }));
}
