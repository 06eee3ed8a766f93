/**
 * `handbook doctor`: what an organisation must still replace or fill in before it relies on the handbook.
 * Everything is computed from data/ (never a hand-kept list):
 * - sample values: anything inside a mapping marked `sample: true` (or a file marked at its top), hosts reserved
 *   for examples (example.com, *.example.org, example-org.pagerduty.com, ...), and the +1 555 01xx numbers reserved
 *   for fiction;
 * - unreachable escalation targets: a step whose target has no way to be reached by the step's `via`.
 * Pure: used by the CLI and by the site plugin (the adoption checklist page).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { entriesOf, type EscalationPolicy, type Rotation, type TeamEntry } from '../lint/registries';
import type { ContactEntry } from './reach';

export interface DataText {
  relPath: string;
  text: string;
}

export type SampleReason = 'marked' | 'example-host' | 'fiction-phone';

export interface SampleValue {
  file: string;
  line: number;
  /** Dotted path of the value in the file, e.g. tools.0.url. */
  path: string;
  value: string;
  reason: SampleReason;
}

export interface Unreachable {
  policy: string;
  step: number;
  target: string;
  via: string;
  message: string;
}

export interface DoctorReport {
  samples: SampleValue[];
  /** Files marked `sample: true` at the top: every value in them is the sample organisation's. */
  sampleFiles: string[];
  unreachable: Unreachable[];
}

const URL_OR_EMAIL = /(?:https?:\/\/([^/\s:?#"']+))|(?:[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,}))/g;
/** +1 555 0100 to +1 555 0199: the North American numbers reserved for fiction, in any spacing. */
const FICTION_PHONE = /\+1[\s.-]?\(?555\)?[\s.-]?01\d{2}/;

/** Hosts reserved for documentation (RFC 2606) and the sample organisation's tenant names (example-org.*). */
export function isExampleHost(host: string): boolean {
  const labels = host.toLowerCase().split('.');
  if (labels.at(-1) === 'example') return true;
  return labels.some((l) => l === 'example' || l.startsWith('example-'));
}

function reasonFor(value: string): SampleReason | undefined {
  if (FICTION_PHONE.test(value)) return 'fiction-phone';
  for (const m of value.matchAll(URL_OR_EMAIL)) if (isExampleHost(m[1] ?? m[2] ?? '')) return 'example-host';
  return undefined;
}

function isMarked(node: unknown): boolean {
  return isMap(node) && node.items.some((p) => isScalar(p.key) && p.key.value === 'sample' && isScalar(p.value) && p.value.value === true);
}

/** Every sample value in one YAML file, with its line. */
export function sampleValuesIn(file: DataText): { values: SampleValue[]; wholeFile: boolean } {
  const lc = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lc });
  const values: SampleValue[] = [];
  const wholeFile = isMarked(doc.contents);
  const walk = (node: Node | null | undefined, at: string[], marked: boolean) => {
    if (!node) return;
    if (isMap(node)) {
      const here = marked || isMarked(node);
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const key = isScalar(p.key) ? String(p.key.value) : '?';
        if (key === 'sample') continue;
        walk(p.value as Node, [...at, key], here);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, [...at, String(i)], marked));
    } else if (isScalar(node) && typeof node.value === 'string') {
      const reason = reasonFor(node.value) ?? (marked && isContactValue(at) ? 'marked' : undefined);
      if (reason) values.push({ file: file.relPath, line: lc.linePos(node.range?.[0] ?? 0).line, path: at.join('.'), value: node.value, reason });
    }
  };
  walk(doc.contents as Node, [], wholeFile);
  return { values, wholeFile };
}

/** In a marked mapping, the values that reach or name someone or something real (not ids, kinds or prose). */
function isContactValue(at: string[]): boolean {
  const key = at.at(-1) ?? '';
  if (/^(url|[a-z_]+_url|phone|email|chat)$/.test(key)) return true;
  if (/^\d+$/.test(key) && at.at(-2) === 'members') return true;
  return key === 'name' && at[0] === 'tools';
}

interface Step {
  after?: string;
  notify?: { role?: string; team?: string };
  via?: string;
}

/**
 * Escalation targets nobody can reach: for each step of each policy, the target (role or team) needs a way matching
 * `via` in data/contacts.yaml (page: page_url; phone: phone; chat: chat or chat_url, or the team's chat; email: email
 * or the team's email; ticket: a tickets tool). A role is also reachable through its rotation's team.
 */
export function unreachableTargets(data: {
  escalation?: unknown;
  contacts?: { contacts?: ContactEntry[]; tools?: { kind: string }[] };
  teams?: unknown;
  oncall?: unknown;
}): Unreachable[] {
  const contacts = data.contacts?.contacts ?? [];
  const tools = data.contacts?.tools ?? [];
  const teams = entriesOf<TeamEntry>(data.teams, 'teams');
  const rotations = entriesOf<Rotation>(data.oncall, 'rotations');
  const contactFor = (kind: 'role' | 'team', id: string) => contacts.filter((c) => c?.for?.[kind] === id);
  const out: Unreachable[] = [];
  for (const policy of entriesOf<EscalationPolicy>(data.escalation, 'policies')) {
    (policy.steps ?? []).forEach((s: Step, i: number) => {
      const kind = s.notify?.role ? 'role' : 'team';
      const id = s.notify?.role ?? s.notify?.team ?? '';
      const via = s.via ?? '';
      const own = contactFor(kind, id);
      const teamIds = kind === 'team' ? [id] : rotations.filter((r) => r.role === id).flatMap((r) => (r.team ? [r.team] : []));
      const viaTeams = teamIds.flatMap((t) => contactFor('team', t));
      const teamRecords = teamIds.map((t) => teams.find((x) => x.id === t)).filter((t): t is TeamEntry => t !== undefined);
      const all = [...own, ...viaTeams];
      let ok: boolean;
      switch (via) {
        case 'page':
          ok = all.some((c) => c.page_url) && tools.some((t) => t.kind === 'paging');
          break;
        case 'phone':
          ok = all.some((c) => c.phone);
          break;
        case 'chat':
          ok = all.some((c) => c.chat || c.chat_url) || teamRecords.some((t) => t.chat);
          break;
        case 'email':
          ok = all.some((c) => c.email) || teamRecords.some((t) => t.email);
          break;
        case 'ticket':
          ok = tools.some((t) => t.kind === 'tickets');
          break;
        default:
          ok = false;
      }
      if (kind === 'role' && !rotations.some((r) => r.role === id)) {
        out.push({
          policy: policy.id,
          step: i + 1,
          target: `role ${id}`,
          via,
          message: `no rotation in data/oncall.yaml staffs role "${id}", so nobody holds it when the page goes out`,
        });
      }
      if (!ok) {
        const need =
          { page: 'a page_url (and a paging tool)', phone: 'a phone', chat: 'a chat channel', email: 'an email address', ticket: 'a tickets tool' }[via] ??
          `a way for "${via}"`;
        out.push({
          policy: policy.id,
          step: i + 1,
          target: `${kind} ${id}`,
          via,
          message: `step ${i + 1} reaches ${kind} "${id}" by ${via}, but data/contacts.yaml gives it no ${need.replace(/^an? /, '')}`,
        });
      }
    });
  }
  return out;
}

export function doctor(files: DataText[], data: Parameters<typeof unreachableTargets>[0]): DoctorReport {
  const samples: SampleValue[] = [];
  const sampleFiles: string[] = [];
  for (const f of files) {
    const r = sampleValuesIn(f);
    samples.push(...r.values);
    if (r.wholeFile) sampleFiles.push(f.relPath);
  }
  return { samples, sampleFiles, unreachable: unreachableTargets(data) };
}

const REASON_TEXT: Record<SampleReason, string> = {
  marked: 'marked sample',
  'example-host': 'example host',
  'fiction-phone': 'fictional number',
};

export function reasonText(r: SampleReason): string {
  return REASON_TEXT[r];
}
