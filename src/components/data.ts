/** Access to the registries published by docusaurus-plugin-handbook, plus small shared helpers. */
import { usePluginData } from '@docusaurus/useGlobalData';
import type { SiteData } from '@site/plugins/docusaurus-plugin-handbook/site-data';
import { humanDuration, parseDuration } from '@site/plugins/lint/duration';

export function useHandbookData(): SiteData {
  return usePluginData('docusaurus-plugin-handbook') as SiteData;
}

export function human(duration: unknown): string {
  const ms = parseDuration(duration);
  return ms === undefined ? String(duration ?? '') : humanDuration(ms);
}

export function levelById(data: SiteData, id: string): any | undefined {
  return (data.severity?.levels ?? []).find((l: any) => l.id === id);
}

export function roleName(data: SiteData, id: string): string {
  return data.roles.find((r) => r.id === id)?.name ?? id;
}

export function teamName(data: SiteData, id: string): string {
  return data.teams.find((t) => t.id === id)?.name ?? id;
}

export function audienceName(data: SiteData, id: string): string {
  return data.severity?.audiences?.[id]?.name ?? id;
}

/** The route of a role's page, if the handbook has one. */
export function roleRoute(data: SiteData, id: string): string | undefined {
  return data.routes[`roles/${id}`];
}

/** Who holds a rotation at a moment: members take turns, one shift of `length` each, from `start`. */
export function onCallAt(rotation: { start: string; length: string; members: string[] }, at: Date): { member: string; from: Date; until: Date; index: number } {
  const start = Date.parse(rotation.start);
  const len = parseDuration(rotation.length) ?? 7 * 86_400_000;
  const shift = Math.floor((at.getTime() - start) / len);
  const n = rotation.members.length;
  const index = ((shift % n) + n) % n;
  const from = new Date(start + shift * len);
  return { member: rotation.members[index], from, until: new Date(from.getTime() + len), index };
}
