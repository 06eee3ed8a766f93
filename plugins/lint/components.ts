/**
 * The one list of MDX components a document may use. The site's MDX provider (src/theme/MDXComponents.tsx) is typed
 * against it, mdx-safety allows exactly these names (plus config `mdx_components`), and component-props checks each
 * use against the component's props schema in schemas/components/<Name>.schema.json (same `x-ref` keywords as front
 * matter). No React and no Node APIs here: the site and the linter both import it.
 */
export const COMPONENTS = {
  AdoptionChecklist: 'Every sample value still in data/ and any unreachable escalation target, as `handbook doctor` computes them.',
  AlertRouting: 'Who is notified first for each severity, by which channel.',
  CommTemplate: 'One communication template from data/templates.yaml (id="...").',
  ContactFact: 'How to reach a role or team, a tool, or a service dashboard / logs, from data/contacts.yaml (role|team|tool|service="..." field="...").',
  DueAt: 'A severity target as a clock time counted from a detection time (level="..." target="..." from="HH:MM").',
  EscalationStep:
    'One step of a severity\'s escalation policy: who, when, by what and how to reach them (level="..." role|team="..." from="HH:MM" show="...").',
  EscalationTimeline: 'Who is notified at which minute, for one severity or one escalation policy (severity="..." or policy="...").',
  EscalationTriggers: 'The escalation triggers from data/escalation.yaml.',
  ExerciseInjects: "The current exercise's injects, from its front matter.",
  ExerciseLink: 'A link to an exercise, with its format and duration (exercise="<doc id of a document with type: exercise>").',
  ExerciseRoles: "The current exercise's roles, from its front matter, with what each is expected to decide.",
  ExpectedDecisions: "The current exercise's expected decisions, from its front matter.",
  IncidentTypes: 'The incident types from data/incident-types.yaml.',
  OnCallNow: 'Who is on call now, per rotation.',
  OnCallSchedule: 'The next shifts of every rotation (weeks="4").',
  PostmortemRules: 'Postmortem rules per severity.',
  Quiz: "The current training module's quiz, from its front matter.",
  RoleField: 'One field of one role from data/roles.yaml (role="..." field="...").',
  RoleList: 'Every role with its page and training module.',
  RunbookIndex: 'Every runbook with its alerts, services and severities.',
  ServiceCatalogue: 'The services from data/services.yaml with their runbooks.',
  SeverityBadge: 'A severity level as a coloured badge (level="...").',
  SeverityFact: 'One fact about one severity level, inline (level="..." field="...").',
  SeverityMatrix: 'The classification matrix, one row per level.',
  TeamDirectory: 'The teams from data/teams.yaml.',
  TrainingProgress: "The learner's training progress.",
  TrainingRequirements: 'The training each role requires before its first shift, from data/training.yaml.',
  UpdateCadenceTable: 'Response and update targets per severity.',
} as const;

export type ComponentName = keyof typeof COMPONENTS;
export const COMPONENT_NAMES = Object.keys(COMPONENTS) as ComponentName[];

/** Fields <SeverityFact field="..."> can show (schemas/components/SeverityFact.schema.json lists the same). */
export const SEVERITY_FACT_FIELDS = [
  'name',
  'intent',
  'acknowledge_within',
  'first_update_within',
  'update_every',
  'postmortem_due_within',
  'postmortem_required',
  'escalation_policy',
  'audience',
  'status_page',
  'major_incident',
] as const;
export type SeverityFactField = (typeof SEVERITY_FACT_FIELDS)[number];

/** Fields <RoleField field="..."> can show (schemas/components/RoleField.schema.json lists the same). */
export const ROLE_FIELDS = ['what', 'why', 'who', 'responsibilities', 'how_to_become', 'training'] as const;
export type RoleFieldName = (typeof ROLE_FIELDS)[number];

/** Where a component's props schema lives, relative to the project root. */
export function propsSchemaPath(name: string): string {
  return `schemas/components/${name}.schema.json`;
}
