// Generates a seeded, realistic handbook corpus for the benchmark: runbooks, incidents, postmortems and
// training modules with valid front matter, tables, code blocks and links between them, plus a few
// percent of faults (missing sections, unknown severities, broken links, placeholders).
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the service database replica primary latency error rate pod node queue backlog consumer certificate dns resolver upstream vendor deploy rollback traffic region cache eviction memory disk volume alert page incident commander responder customer impact checkout login payment webhook retry timeout connection pool saturation throughput partition failover snapshot restore backup integrity metric dashboard log trace span threshold budget slo burn window owner team escalation status update'.split(' ');
const SERVICES = ['public-api', 'web-app', 'checkout', 'payment-provider', 'accounts', 'orders-db', 'accounts-db', 'cache', 'job-queue', 'notifications', 'kubernetes', 'dns'];
const TEAMS = ['sre', 'platform', 'data-platform', 'payments', 'identity', 'security'];
const SEVS = ['P0', 'P1', 'P2', 'P3', 'P4'];
const TYPES = ['service-outage', 'performance-degradation', 'data-loss', 'security-breach', 'integration-failure', 'data-privacy'];
const RUNBOOK_SECTIONS = ['First 5 minutes', 'Overview', 'Symptoms', 'Impact', 'Diagnosis', 'Mitigation', 'Rollback and recovery', 'Escalation', 'Communication', 'References'];
const PM_SECTIONS = ['Summary', 'Impact', 'Timeline', 'Root causes', 'Detection', 'Resolution', 'What went well', 'What went poorly', 'Where we got lucky', 'Action items'];

function gen(size, seed, out, root) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const sentence = (n = 8 + Math.floor(r() * 14)) => {
    const w = Array.from({ length: n }, () => pick(WORDS));
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  };
  const para = () => Array.from({ length: 2 + Math.floor(r() * 4) }, () => sentence()).join(' ');
  const date = () => `2026-${String(9 + Math.floor(r() * 3)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  rmSync(out, { recursive: true, force: true });
  for (const d of ['data', 'schemas']) cpSync(path.join(root, d), path.join(out, d), { recursive: true });
  cpSync(path.join(root, 'handbook.config.yaml'), path.join(out, 'handbook.config.yaml'));
  mkdirSync(path.join(out, 'runbooks'), { recursive: true });
  mkdirSync(path.join(out, 'incidents'), { recursive: true });
  mkdirSync(path.join(out, 'docs/training'), { recursive: true });
  mkdirSync(path.join(out, 'docs/roles'), { recursive: true });
  const files = [];
  const nRunbooks = Math.round(size * 0.45);
  const nIncidents = Math.round(size * 0.25);
  const nPostmortems = Math.round(size * 0.2);
  const nTraining = size - nRunbooks - nIncidents - nPostmortems;
  const runbookPaths = Array.from({ length: nRunbooks }, (_, i) => `runbooks/rb-${String(i).padStart(5, '0')}.md`);
  const fault = () => r() < 0.03;
  const section = (title, i, others) => {
    let s = `## ${title}\n\n${para()}\n\n`;
    if (i % 3 === 1) s += `1. ${sentence()}\n2. ${sentence()}\n3. ${sentence()}\n\n`;
    if (i % 4 === 2) s += '```bash\nkubectl -n ' + pick(SERVICES) + ' get pods -o wide\nkubectl rollout status deploy/' + pick(SERVICES) + '\n```\n\n';
    if (i % 5 === 3) s += `| Metric | Threshold |\n| --- | --- |\n| ${pick(WORDS)} | ${Math.floor(r() * 100)}% |\n| ${pick(WORDS)} | ${Math.floor(r() * 1000)} ms |\n\n`;
    if (others.length && i % 4 === 0) {
      const t = pick(others);
      s += `See [the related runbook](${t.link}${r() < 0.5 ? '#diagnosis' : ''}).\n\n`;
    }
    return s;
  };
  for (let i = 0; i < nRunbooks; i++) {
    const f = fault();
    const kind = f ? Math.floor(r() * 4) : -1;
    const sev = kind === 0 ? 'P9' : pick(SEVS);
    const secs = kind === 1 ? RUNBOOK_SECTIONS.filter((s) => s !== 'Diagnosis') : RUNBOOK_SECTIONS;
    const others = [{ link: `./rb-${String(Math.floor(r() * nRunbooks)).padStart(5, '0')}.md` }];
    if (kind === 2) others[0].link = './does-not-exist.md';
    let body = secs.map((s, j) => section(s, j + i, others)).join('');
    if (kind === 3) body += 'TBD\n';
    const fm = `---\ntitle: Runbook ${i} ${pick(WORDS)} ${pick(WORDS)}\ntype: runbook\nowner: ${pick(TEAMS)}\nlast_reviewed: ${date()}\nreview_every: 90d\nservices: [${pick(SERVICES)}]\nseverities: [${sev}]\nalerts: [Alert${i}${pick(['High', 'Low', 'Down'])}]\n---\n\n`;
    files.push([runbookPaths[i], fm + body]);
  }
  const incidentIds = [];
  for (let i = 0; i < nIncidents; i++) {
    const id = `INC-${String(i + 1).padStart(5, '0')}`;
    incidentIds.push(id);
    const day = 1 + (i % 28);
    const t = (h, m) => `2026-0${1 + (i % 9)}-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
    const fm = `---\ntitle: Incident ${i} ${pick(WORDS)}\ntype: incident\nid: ${id}\nincident_type: ${pick(TYPES)}\nseverity: ${pick(['P2', 'P3', 'P4'])}\nstatus: resolved\nservices: [${pick(SERVICES)}]\nstarted_at: ${t(8, 0)}\ndetected_at: ${t(8, 5)}\nacknowledged_at: ${t(8, 9)}\nmitigated_at: ${t(9, 0)}\nresolved_at: ${t(10, 30)}\n---\n\n`;
    const body = `## Summary\n\n${para()}\n\n## Timeline\n\n${Array.from({ length: 5 }, (_, k) => `- **${t(8, k * 10).slice(11, 16)} UTC** ${sentence()}`).join('\n')}\n`;
    files.push([`incidents/${id}-incident.md`, fm + body]);
  }
  for (let i = 0; i < nPostmortems; i++) {
    const id = incidentIds[i % incidentIds.length];
    const fm = `---\ntitle: Postmortem ${i}\ntype: postmortem\nincident: ${id}\nseverity: ${pick(SEVS)}\nstatus: published\naction_items:\n  - {id: ACT-${i}, title: Fix ${pick(WORDS)}, owner: ${pick(TEAMS)}, due: 2027-01-15, status: open}\n---\n\n`;
    const body = PM_SECTIONS.map((s, j) => section(s, j + i, [{ link: `/runbooks/rb-${String(Math.floor(r() * nRunbooks)).padStart(5, '0')}` }])).join('');
    files.push([`incidents/${id}-postmortem-${i}.md`, fm + body]);
  }
  const modules = ['incident-commander', 'scribe', 'communications-lead', 'responder-fundamentals', 'on-call-onboarding', 'security-incident-response'];
  for (let i = 0; i < nTraining; i++) {
    const name = i < modules.length ? modules[i] : `module-${i}`;
    const quiz = Array.from({ length: 5 }, (_, q) => `  - question: Question ${q} about ${pick(WORDS)}?\n    options:\n      - {text: ${pick(WORDS)}, correct: true, explanation: Because ${pick(WORDS)}.}\n      - {text: ${pick(WORDS)}, explanation: Not ${pick(WORDS)}.}`).join('\n');
    const fm = `---\ntitle: Training ${name}\ntype: training-module\nowner: incident-programme\nlast_reviewed: ${date()}\nreview_every: 180d\nduration: 45m\nroles: [incident-commander]\nquiz:\n${quiz}\n---\n\n`;
    const body = ['Objectives', 'Prerequisites', 'Content', 'Hands-on exercise', 'Quiz'].map((s, j) => `## ${s}\n\n${s === 'Content' ? Array.from({ length: 6 }, para).join('\n\n') : para()}\n\n`).join('');
    files.push([`docs/training/${name}.md`, fm + body]);
  }
  for (const role of ['incident-commander', 'deputy-incident-commander', 'scribe', 'communications-lead', 'subject-matter-expert', 'oncall-primary', 'oncall-secondary', 'customer-liaison', 'security-lead', 'legal-privacy-contact']) {
    const body = ['What it is', 'Why have one', 'Responsibilities', 'Who can hold it', 'How to become one', 'During an incident'].map((s) => `## ${s}\n\n${para()} ${para()}\n\n`).join('');
    files.push([`docs/roles/${role}.md`, `---\ntitle: ${role}\ntype: role\nowner: incident-programme\nlast_reviewed: 2026-10-01\nreview_every: 180d\nrole: ${role}\n---\n\n${body}`]);
  }
  for (const [rel, text] of files) writeFileSync(path.join(out, rel), text);
  return files.length;
}

export function generateCorpus(size, { seed = 42, dir, root }) {
  const n = gen(size, seed, dir, root);
  return n;
}
