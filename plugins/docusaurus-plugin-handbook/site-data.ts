/** The registries and document facts that theme components read in the browser. */
import { doctor, type DoctorReport } from '../lib/doctor';
import type { Project, ProjectIndex } from '../lint/types';
import {
  classifierQuestions,
  contactsData,
  escalationPolicies,
  escalationTriggers,
  incidentTypeEntries,
  roleEntries,
  rotations,
  serviceEntries,
  severityAudiences,
  severityLevels,
  teamEntries,
  templateEntries,
  type ClassifierData,
  type ContactsData,
  type EscalationData,
  type IncidentTypeEntry,
  type RoleEntry,
  type Rotation,
  type ServiceEntry,
  type SeverityData,
  type TeamEntry,
  type TemplateEntry,
} from '../lint/registries';
import { trainingInput, trainingSettings } from '../training/project';
import { trainingStatus, type PersonStatus } from '../training/status';

export interface RunbookSummary {
  title: string;
  route: string;
  description?: string;
  alerts: string[];
  services: string[];
  severities: string[];
  symptoms: string[];
  incidentTypes: string[];
}

export interface SiteData {
  severity: SeverityData;
  roles: RoleEntry[];
  teams: TeamEntry[];
  services: ServiceEntry[];
  escalation: EscalationData;
  oncall: Rotation[];
  incidentTypes: IncidentTypeEntry[];
  templates: TemplateEntry[];
  classifier: ClassifierData;
  /** data/contacts.yaml: tools, how to reach each team / role / audience, per-service dashboards and logs. */
  contacts: Required<ContactsData>;
  /** What `handbook doctor` reports: sample values to replace and unreachable escalation targets (adoption checklist). */
  doctor: DoctorReport;
  runbooks: RunbookSummary[];
  /** doc id -> route for every document but incident records and postmortems, so components can link by id. */
  routes: Record<string, string>;
  trainingModules: { id: string; title: string; route: string; roles: string[]; duration?: string; questions: number; version: number; passMark: number }[];
  /** Documents with type: exercise, by doc id (what <ExerciseLink exercise="..."> names). */
  exercises: { id: string; title: string; route: string; format?: string; duration?: string }[];
  /** Training requirements and everyone's readiness, as of `asOf` (the build). */
  training: TrainingSiteData;
}

export interface TrainingSiteData {
  asOf: string;
  passMark: number;
  requirements: { role: string; modules: string[]; renew_every: string }[];
  people: PersonStatus[];
}

/** Readiness as of the build: the site is static, so the page says when it was computed. */
export function trainingSiteData(project: Project, index: ProjectIndex, now: Date): TrainingSiteData {
  const v = project.data.training?.value as { requirements?: TrainingSiteData['requirements'] } | undefined;
  return {
    asOf: now.toISOString(),
    passMark: trainingSettings(project).passMark,
    requirements: Array.isArray(v?.requirements) ? v.requirements : [],
    people: trainingStatus(trainingInput(project, index, now)),
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The runbooks as the site lists them (by title): also what the Alertmanager export needs, without the rest. */
export function siteRunbooks(index: ProjectIndex): SiteData['runbooks'] {
  return [...index.byPath.values()]
    .filter((doc) => doc.type === 'runbook')
    .map((doc) => ({
      title: String(doc.frontmatter.title ?? doc.relPath),
      route: doc.route,
      description: typeof doc.frontmatter.description === 'string' ? doc.frontmatter.description : undefined,
      alerts: strings(doc.frontmatter.alerts),
      services: strings(doc.frontmatter.services),
      severities: strings(doc.frontmatter.severities),
      symptoms: strings(doc.frontmatter.symptoms),
      incidentTypes: strings(doc.frontmatter.incident_types),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

const RECORD_TYPES = new Set(['incident', 'postmortem']);

export function siteData(project: Project, index: ProjectIndex, now = new Date()): SiteData {
  const d = (k: string): unknown => project.data[k]?.value ?? {};
  const docs = [...index.byPath.values()];
  const runbooks = siteRunbooks(index);
  const routes: Record<string, string> = {};
  // Not the records: global data is part of the JavaScript every page loads, and records grow by the hundred a year
  // (they have their own index, with their routes, on the incidents pages).
  for (const doc of docs) if (doc.route && !RECORD_TYPES.has(String(doc.type))) routes[doc.docId] = doc.route;
  const trainingModules = docs
    .filter((doc) => doc.type === 'training-module')
    .map((doc) => ({
      id: doc.docId,
      title: String(doc.frontmatter.title),
      route: doc.route,
      roles: strings(doc.frontmatter.roles),
      duration: typeof doc.frontmatter.duration === 'string' ? doc.frontmatter.duration : undefined,
      questions: Array.isArray(doc.frontmatter.quiz) ? doc.frontmatter.quiz.length : 0,
      version: typeof doc.frontmatter.version === 'number' ? doc.frontmatter.version : 1,
      passMark: typeof doc.frontmatter.pass_mark === 'number' ? doc.frontmatter.pass_mark : trainingSettings(project).passMark,
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const exercises = docs
    .filter((doc) => doc.type === 'exercise')
    .map((doc) => ({
      id: doc.docId,
      title: String(doc.frontmatter.title ?? doc.docId),
      route: doc.route,
      format: text(doc.frontmatter.format),
      duration: text(doc.frontmatter.duration),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    severity: { levels: severityLevels(project), audiences: severityAudiences(project) },
    roles: roleEntries(project),
    teams: teamEntries(project),
    services: serviceEntries(project),
    escalation: { policies: escalationPolicies(project), triggers: escalationTriggers(project) },
    oncall: rotations(project),
    incidentTypes: incidentTypeEntries(project),
    templates: templateEntries(project),
    classifier: { questions: classifierQuestions(project) },
    contacts: contactsData(project),
    doctor: doctor(
      Object.values(project.data).map((f) => ({ relPath: f.relPath, text: f.text })),
      { escalation: d('escalation'), contacts: contactsData(project), teams: d('teams'), oncall: d('oncall') },
    ),
    runbooks,
    routes,
    trainingModules,
    exercises,
    training: trainingSiteData(project, index, now),
  };
}
