/** The registries and document facts that theme components read in the browser. */
import type { Project, ProjectIndex } from '../lint/types';
import type { ContactsData } from '../lib/reach';

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
  severity: any;
  roles: any[];
  teams: any[];
  services: any[];
  escalation: any;
  oncall: any[];
  /** data/contacts.yaml: tools and how to reach teams, roles and rotations. */
  contacts: ContactsData;
  incidentTypes: any[];
  templates: any[];
  classifier: any;
  runbooks: RunbookSummary[];
  /** doc id -> route for every document, so components can link by id. */
  routes: Record<string, string>;
  trainingModules: { id: string; title: string; route: string; roles: string[]; duration?: string; questions: number }[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function siteData(project: Project, index: ProjectIndex): SiteData {
  const d = (k: string) => project.data[k]?.value ?? {};
  const docs = [...index.byPath.values()];
  const runbooks = docs
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
  const routes: Record<string, string> = {};
  for (const doc of docs) if (doc.route) routes[doc.docId] = doc.route;
  const trainingModules = docs
    .filter((doc) => doc.type === 'training-module')
    .map((doc) => ({
      id: doc.docId,
      title: String(doc.frontmatter.title),
      route: doc.route,
      roles: strings(doc.frontmatter.roles),
      duration: typeof doc.frontmatter.duration === 'string' ? doc.frontmatter.duration : undefined,
      questions: Array.isArray(doc.frontmatter.quiz) ? doc.frontmatter.quiz.length : 0,
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
  return {
    severity: d('severity'),
    roles: d('roles').roles ?? [],
    teams: d('teams').teams ?? [],
    services: d('services').services ?? [],
    escalation: d('escalation'),
    oncall: d('oncall').rotations ?? [],
    contacts: { tools: d('contacts').tools ?? [], contacts: d('contacts').contacts ?? [] },
    incidentTypes: d('incident-types').types ?? [],
    templates: d('templates').templates ?? [],
    classifier: d('classifier'),
    runbooks,
    routes,
    trainingModules,
  };
}
