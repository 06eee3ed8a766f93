/**
 * Typed views of the data registries (data/*.yaml). Loading validated each file against its schema in schemas/, so
 * these types follow the schemas; the readers still drop entries that are not objects, because a project with data
 * problems is loaded too (the problems are reported, and hosts keep working with what is readable).
 */
import type { Project } from './types';

export interface SeverityLevel {
  id: string;
  name?: string;
  colour?: string;
  escalation_policy?: string;
  response?: { acknowledge_within?: string; first_update_within?: string; update_every?: string };
  postmortem?: { required?: boolean; due_within?: string };
  [key: string]: unknown;
}

export interface RoleEntry {
  id: string;
  name?: string;
  function?: string;
  [key: string]: unknown;
}

export interface TeamEntry {
  id: string;
  name?: string;
  chat?: string;
  email?: string;
  oncall_rotation?: string;
  [key: string]: unknown;
}

export interface ServiceEntry {
  id: string;
  name?: string;
  [key: string]: unknown;
}

export interface IncidentTypeEntry {
  id: string;
  name?: string;
  [key: string]: unknown;
}

export interface TemplateEntry {
  id: string;
  name: string;
  subject?: string;
  body: string;
  [key: string]: unknown;
}

export interface EscalationStep {
  after?: string;
  notify?: { role?: string; team?: string };
  via?: string;
}

export interface EscalationPolicy {
  id: string;
  steps?: EscalationStep[];
  [key: string]: unknown;
}

export interface Rotation {
  id: string;
  team?: string;
  role?: string;
  members?: string[];
  [key: string]: unknown;
}

export interface FrameworkControl {
  id: string;
  title: string;
  description: string;
  evidence?: 'required' | 'optional';
  training?: boolean;
}

/** A compliance framework, data/frameworks/<name>.yaml. */
export interface Framework {
  id: string;
  name: string;
  source?: string;
  controls: FrameworkControl[];
}

/** The framework files (key "frameworks/<name>") whose value has an id, with their controls. */
export function frameworkFiles(data: Project['data']): { key: string; value: Framework; relPath: string }[] {
  return Object.entries(data)
    .filter(([k, f]) => k.startsWith('frameworks/') && isEntry(f.value))
    .map(([key, f]) => {
      const value = f.value as Framework;
      return { key, relPath: f.relPath, value: { ...value, controls: entriesOf<FrameworkControl>(value, 'controls') } };
    });
}

const isEntry = (x: unknown): x is { id: string } => typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string';

/** The list under `key` in a registry's value: entries with a string id only. */
export function entriesOf<T extends { id: string }>(value: unknown, key: string): T[] {
  const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? (list.filter(isEntry) as T[]) : [];
}

const registry =
  <T extends { id: string }>(file: string, key: string) =>
  (project: Project): T[] =>
    entriesOf<T>(project.data[file]?.value, key);

/** data/severity.yaml, most severe first. */
export const severityLevels = registry<SeverityLevel>('severity', 'levels');
export const roleEntries = registry<RoleEntry>('roles', 'roles');
export const teamEntries = registry<TeamEntry>('teams', 'teams');
export const serviceEntries = registry<ServiceEntry>('services', 'services');
export const incidentTypeEntries = registry<IncidentTypeEntry>('incident-types', 'types');
export const templateEntries = registry<TemplateEntry>('templates', 'templates');
export const escalationPolicies = registry<EscalationPolicy>('escalation', 'policies');
export const rotations = registry<Rotation>('oncall', 'rotations');
