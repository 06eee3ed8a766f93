/** Which documents and evidence records cover each control of each framework. */
import type { Project, ProjectIndex } from '../lint/types';
import { completionRecords, trainingInput } from '../training/project';
import { summarise, trainingStatus } from '../training/status';
import { frameworkFiles, type Framework } from '../lint/registries';

export type CoverageStatus = 'covered' | 'partial' | 'missing';

export interface DocRef {
  relPath: string;
  route: string;
  title: string;
  type?: string;
}

export interface ControlCoverage {
  framework: string;
  id: string; // e.g. soc2:CC7.4
  control: string; // CC7.4
  title: string;
  description: string;
  evidenceRequired: boolean;
  documents: DocRef[];
  evidence: DocRef[];
  status: CoverageStatus;
  /** Index of the control in its framework file, for positions. */
  index: number;
}

export interface FrameworkCoverage {
  id: string;
  name: string;
  source?: string;
  relPath: string;
  controls: ControlCoverage[];
  covered: number;
  partial: number;
  missing: number;
}

export function frameworks(project: Project): { key: string; value: Framework; relPath: string }[] {
  return frameworkFiles(project.data);
}

/**
 * Training as evidence: the completion records, as long as nobody on an on-call rotation is on call without the
 * training their role requires (data/training.yaml). Undefined when there are no records or someone is overdue.
 */
export function trainingEvidence(project: Project, index: ProjectIndex, now: Date): DocRef | undefined {
  const records = completionRecords(project);
  if (!records.length || !project.data.training) return undefined;
  const s = summarise(trainingStatus(trainingInput(project, index, now)));
  if (s.overdue > 0) return undefined;
  return {
    relPath: 'data/training-records',
    route: '/training/status',
    title: `Training records: ${records.length} completions; ${s.ready} of ${s.people} people on call ready`,
    type: 'training',
  };
}

export function computeCoverage(project: Project, index: ProjectIndex, now = new Date()): FrameworkCoverage[] {
  let training: DocRef | undefined | null = null; // computed on first use: most frameworks have no training control
  const claims = new Map<string, { doc: DocRef; evidence: boolean }[]>();
  for (const d of index.byPath.values()) {
    const controls = Array.isArray(d.frontmatter.controls) ? (d.frontmatter.controls as unknown[]) : [];
    for (const c of controls) {
      if (typeof c !== 'string') continue;
      const list = claims.get(c) ?? [];
      list.push({
        doc: { relPath: d.relPath, route: d.route, title: String(d.frontmatter.title ?? d.relPath), type: d.type },
        evidence: d.type === 'evidence',
      });
      claims.set(c, list);
    }
  }
  return frameworks(project).map((f) => {
    const controls: ControlCoverage[] = f.value.controls.map((c, i) => {
      const id = `${f.value.id}:${c.id}`;
      const list = claims.get(id) ?? [];
      const documents = list.filter((x) => !x.evidence).map((x) => x.doc);
      const evidence = list.filter((x) => x.evidence).map((x) => x.doc);
      if (c.training === true) {
        if (training === null) training = trainingEvidence(project, index, now);
        if (training) evidence.push(training);
      }
      const evidenceRequired = c.evidence === 'required';
      const status: CoverageStatus =
        documents.length && (!evidenceRequired || evidence.length) ? 'covered' : documents.length || evidence.length ? 'partial' : 'missing';
      return {
        framework: f.value.id,
        id,
        control: String(c.id),
        title: c.title,
        description: c.description,
        evidenceRequired,
        documents,
        evidence,
        status,
        index: i,
      };
    });
    return {
      id: f.value.id,
      name: f.value.name,
      source: f.value.source,
      relPath: f.relPath,
      controls,
      covered: controls.filter((c) => c.status === 'covered').length,
      partial: controls.filter((c) => c.status === 'partial').length,
      missing: controls.filter((c) => c.status === 'missing').length,
    };
  });
}
