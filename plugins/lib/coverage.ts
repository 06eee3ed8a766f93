/** Which documents and evidence records cover each control of each framework. */
import type { Project, ProjectIndex } from '../lint/types';

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

export function frameworks(project: Project): { key: string; value: any; relPath: string }[] {
  return Object.entries(project.data)
    .filter(([k]) => k.startsWith('frameworks/'))
    .map(([key, f]) => ({ key, value: f.value, relPath: f.relPath }))
    .filter((f) => typeof f.value?.id === 'string');
}

export function computeCoverage(project: Project, index: ProjectIndex): FrameworkCoverage[] {
  const claims = new Map<string, { doc: DocRef; evidence: boolean }[]>();
  for (const d of index.byPath.values()) {
    const controls = Array.isArray(d.frontmatter.controls) ? (d.frontmatter.controls as unknown[]) : [];
    for (const c of controls) {
      if (typeof c !== 'string') continue;
      const list = claims.get(c) ?? [];
      list.push({ doc: { relPath: d.relPath, route: d.route, title: String(d.frontmatter.title ?? d.relPath), type: d.type }, evidence: d.type === 'evidence' });
      claims.set(c, list);
    }
  }
  return frameworks(project).map((f) => {
    const controls: ControlCoverage[] = (f.value.controls ?? []).map((c: any, i: number) => {
      const id = `${f.value.id}:${c.id}`;
      const list = claims.get(id) ?? [];
      const documents = list.filter((x) => !x.evidence).map((x) => x.doc);
      const evidence = list.filter((x) => x.evidence).map((x) => x.doc);
      const evidenceRequired = c.evidence === 'required';
      const status: CoverageStatus = documents.length && (!evidenceRequired || evidence.length) ? 'covered' : documents.length || evidence.length ? 'partial' : 'missing';
      return { framework: f.value.id, id, control: String(c.id), title: c.title, description: c.description, evidenceRequired, documents, evidence, status, index: i };
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
