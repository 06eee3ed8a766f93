/**
 * Typed views of the data registries (data/*.yaml): the one definition of each registry's shape, read by the rules, the
 * domain modules and the site's components. The types follow the schemas in schemas/ (required fields required). A
 * project with data problems is loaded too (the problems are reported, and hosts keep working with what is readable),
 * so the readers drop entries without a string id, and code that must keep working on invalid data reads the other
 * fields defensively.
 */
import type { Project } from './types';

export type Duration = string;

/** data/severity.yaml */
export interface SeverityLevel {
  id: string;
  name: string;
  colour?: string;
  intent: string;
  major_incident: boolean;
  criteria: string[];
  examples: string[];
  /** Signal kind -> ids that map to this level. */
  signals?: Record<string, string[]>;
  response: { acknowledge_within: Duration; first_update_within: Duration; update_every: Duration };
  escalation_policy: string;
  communication: { audience: string[]; status_page: 'required' | 'optional' | 'none' };
  postmortem: { required: boolean; due_within: Duration };
  auto_declare?: boolean;
}

export interface Audience {
  name: string;
  how: string;
}

export interface SeverityData {
  levels: SeverityLevel[];
  scale?: string;
  audiences: Record<string, Audience>;
}

/** data/roles.yaml */
export interface RoleEntry {
  id: string;
  name: string;
  short?: string;
  what: string;
  why: string;
  responsibilities: string[];
  who: string;
  how_to_become: string[];
  training_module: string;
  function?: 'command' | 'deputy-command' | 'communications' | 'scribe' | 'responder' | 'expert' | 'customer' | 'security' | 'legal';
}

/** data/teams.yaml */
export interface TeamEntry {
  id: string;
  name: string;
  description: string;
  chat?: string;
  email?: string;
  oncall_rotation?: string;
}

/** data/services.yaml */
export interface ServiceEntry {
  id: string;
  name: string;
  owner: string;
  tier: number;
  description: string;
  dependencies?: string[];
}

/** data/incident-types.yaml */
export interface IncidentTypeEntry {
  id: string;
  name: string;
  description: string;
  examples?: string[];
  default_severity: string;
  lead_team: string;
  security?: boolean;
  personal_data?: boolean;
}

/** data/templates.yaml */
export interface TemplateEntry {
  id: string;
  name: string;
  when: string;
  audience: string[];
  channel: 'chat' | 'status-page' | 'email' | 'regulator-portal' | 'social';
  subject?: string;
  body: string;
}

/** data/escalation.yaml */
export interface EscalationStep {
  after: Duration;
  notify: { role?: string; team?: string };
  via: 'page' | 'phone' | 'chat' | 'email' | 'ticket';
  action: string;
  /** Set on the responder chain: the step is skipped once the incident is acknowledged. */
  stop_when?: 'acknowledged';
}

export interface EscalationPolicy {
  id: string;
  name: string;
  description?: string;
  steps: EscalationStep[];
}

export interface EscalationTrigger {
  id: string;
  name: string;
  description: string;
}

export interface EscalationData {
  policies: EscalationPolicy[];
  triggers: EscalationTrigger[];
}

/** data/oncall.yaml */
export interface Rotation {
  id: string;
  name: string;
  team: string;
  role?: string;
  length: Duration;
  start: string;
  timezone: string;
  handoff?: string;
  members: string[];
}

/** data/contacts.yaml */
export interface ContactEntry {
  for: { team?: string; role?: string; rotation?: string; audience?: string };
  page_url?: string;
  chat?: string;
  chat_url?: string;
  phone?: string;
  bridge_url?: string;
  email?: string;
  notes?: string;
  sample?: boolean;
}

export interface ToolEntry {
  id: string;
  kind: 'paging' | 'chat' | 'bridge' | 'status-page' | 'schedules' | 'dashboards' | 'logs' | 'tickets' | 'video' | 'other';
  name: string;
  url: string;
  how?: string;
  sample?: boolean;
}

export interface ServiceLinks {
  service: string;
  dashboard_url?: string;
  logs_url?: string;
  status_component?: string;
  sample?: boolean;
}

export interface ContactsData {
  tools?: ToolEntry[];
  contacts?: ContactEntry[];
  services?: ServiceLinks[];
}

/** data/classifier.yaml */
export interface ClassifierAnswer {
  id: string;
  text: string;
  /** The least severe level this answer allows (a level id). */
  at_least: string;
}

export interface ClassifierQuestion {
  id: string;
  text: string;
  help?: string;
  answers: ClassifierAnswer[];
}

export interface ClassifierData {
  questions: ClassifierQuestion[];
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
export const classifierQuestions = registry<ClassifierQuestion>('classifier', 'questions');
export const escalationTriggers = registry<EscalationTrigger>('escalation', 'triggers');

/** A mapping's entries, or none when the value is not a mapping (a YAML value before or without validation). */
export const objectOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** `audiences` of data/severity.yaml: audience id -> name and how it is told. */
export function severityAudiences(project: Project): Record<string, Audience> {
  return objectOf(objectOf(project.data.severity?.value).audiences) as Record<string, Audience>;
}

/** data/contacts.yaml, with its lists present (empty when missing). */
export function contactsData(project: Project): Required<ContactsData> {
  const v = objectOf(project.data.contacts?.value);
  const list = <T>(k: string): T[] => (Array.isArray(v[k]) ? (v[k] as T[]) : []);
  return { tools: list<ToolEntry>('tools'), contacts: list<ContactEntry>('contacts'), services: list<ServiceLinks>('services') };
}
