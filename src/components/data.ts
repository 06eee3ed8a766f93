/** Access to the registries published by docusaurus-plugin-handbook, plus small shared helpers. */
import { usePluginData } from '@docusaurus/useGlobalData';
import type { SiteData } from '@site/plugins/docusaurus-plugin-handbook/site-data';
import type { SeverityLevel } from '@site/plugins/lint/registries';
import { humanDuration, parseDuration } from '@site/plugins/lint/duration';

export function useHandbookData(): SiteData {
  return usePluginData('docusaurus-plugin-handbook') as SiteData;
}

export function human(duration: unknown): string {
  const ms = parseDuration(duration);
  return ms === undefined ? String(duration ?? '') : humanDuration(ms);
}

export function levelById(data: SiteData, id: string): SeverityLevel | undefined {
  return data.severity.levels.find((l) => l.id === id);
}

export function roleName(data: SiteData, id: string): string {
  return data.roles.find((r) => r.id === id)?.name ?? id;
}

export function teamName(data: SiteData, id: string): string {
  return data.teams.find((t) => t.id === id)?.name ?? id;
}

export function audienceName(data: SiteData, id: string): string {
  return data.severity.audiences[id]?.name ?? id;
}

/** The route of a role's page, if the handbook has one. */
export function roleRoute(data: SiteData, id: string): string | undefined {
  return data.routes[`roles/${id}`];
}
