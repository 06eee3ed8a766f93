import type { Nodes, Root } from 'mdast';
import { humanDuration, parseDuration } from '../duration';
import type { DocumentRule, Project } from '../types';
import { escalationPolicies, severityLevels } from '../registries';

const UNIT: [RegExp, number][] = [
  [/^(s|secs?|seconds?)$/i, 1000],
  [/^(m|mins?|minutes?)$/i, 60_000],
  [/^(h|hrs?|hours?)$/i, 3_600_000],
  [/^(d|days?|business days?|working days?)$/i, 86_400_000],
  [/^(w|wks?|weeks?)$/i, 604_800_000],
];
/** A duration stated as a target: "within 30 minutes", "every 15 min", "after 2 hours", "under 5 m". */
const TARGET =
  /\b(within|every|after|under|in less than|no later than)\s+(\d{1,4})\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|business days?|working days?|days?|d|weeks?|wks?|w)\b/gi;

interface LevelTargets {
  /** Every duration the registry gives for the level, by name. */
  named: [string, number][];
}

const FIELD_OF: Record<string, string> = {
  acknowledge_within: 'acknowledge_within',
  first_update_within: 'first_update_within',
  update_every: 'update_every',
  postmortem_due_within: 'postmortem_due_within',
};

/** Words of the targets the registry holds: acknowledgement, updates, paging and escalation, postmortems. */
const TOPIC = /acknowledg|\back\b|respon|update|\bpag(e|ed|es|ing)\b|escalat|notif|postmortem|post-mortem/i;

const targetsCache = new WeakMap<Project, Map<string, LevelTargets>>();

/** What data/severity.yaml and data/escalation.yaml say about each level's times. */
function levelTargets(project: Project): Map<string, LevelTargets> {
  const cached = targetsCache.get(project);
  if (cached) return cached;
  const out = new Map<string, LevelTargets>();
  const policies = escalationPolicies(project);
  for (const l of severityLevels(project)) {
    const named: [string, number][] = [];
    const add = (name: string, v: unknown) => {
      const ms = parseDuration(v);
      if (ms !== undefined) named.push([name, ms]);
    };
    add('acknowledge_within', l.response?.acknowledge_within);
    add('first_update_within', l.response?.first_update_within);
    add('update_every', l.response?.update_every);
    add('postmortem_due_within', l.postmortem?.due_within);
    const policy = policies.find((p) => p?.id === l.escalation_policy);
    for (const s of policy?.steps ?? []) add('escalation step', s?.after);
    out.set(l.id, { named });
  }
  targetsCache.set(project, out);
  return out;
}

interface Piece {
  text: string;
  line: number;
  column: number;
}

/**
 * Pre-order walk of a tree; `enter` returns 'skip' to leave a node's children out. The same order as
 * unist-util-visit, without its per-node bookkeeping (this rule walks every block of every document).
 */
function visit(node: Nodes, enter: (n: Nodes) => 'skip' | undefined): void {
  if (enter(node) === 'skip' || !('children' in node)) return;
  for (const child of node.children as Nodes[]) visit(child, enter);
}

/** The prose of one block (paragraph, heading, table row): its text nodes, without code or component output. */
function pieces(block: Nodes): Piece[] {
  const out: Piece[] = [];
  visit(block, (n) => {
    if (n.type === 'inlineCode' || n.type === 'code' || n.type === 'mdxJsxTextElement' || n.type === 'mdxJsxFlowElement') return 'skip';
    // Cells of a row are separate words.
    if (n.type === 'tableCell' && n.position) out.push({ text: ' ', line: n.position.start.line, column: n.position.start.column });
    if (n.type === 'text' && n.position) out.push({ text: n.value, line: n.position.start.line, column: n.position.start.column });
    return undefined;
  });
  return out;
}

/** Where in the block's text a character offset lies. */
function placeOf(ps: Piece[], offset: number): { line: number; column: number } {
  let at = 0;
  for (const p of ps) {
    if (offset < at + p.text.length) {
      const before = p.text.slice(0, offset - at);
      const nl = before.lastIndexOf('\n');
      return nl === -1 ? { line: p.line, column: p.column + before.length } : { line: p.line + before.split('\n').length - 1, column: before.length - nl };
    }
    at += p.text.length;
  }
  return ps.length ? { line: ps[0].line, column: ps[0].column } : { line: 1, column: 1 };
}

/** Text nodes lose the indentation of continuation lines: find the match on its source line for the exact column. */
function exactPlace(text: string, near: { line: number; column: number }, match: string): { line: number; column: number } {
  const line = text.split('\n')[near.line - 1] ?? '';
  const i = line.indexOf(match, Math.max(0, near.column - 1));
  const j = i === -1 ? line.indexOf(match) : i;
  return j === -1 ? near : { line: near.line, column: j + 1 };
}

/**
 * A time written next to a severity id in prose ("P1 ... within 30 minutes") that the registry does not give for
 * that level: the page tells the reader something data/ contradicts. The fix is the component that renders the real
 * value, e.g. <SeverityFact level="P1" field="acknowledge_within" />.
 */
export const proseTargets: DocumentRule<Record<string, never>, 'mismatch'> = {
  meta: {
    id: 'prose-targets',
    kind: 'document',
    description: 'Times written next to a severity id in prose agree with data/severity.yaml and data/escalation.yaml; use <SeverityFact> instead.',
    severity: 'warn',
    messages: {
      mismatch:
        '"{{text}}" next to {{level}} is not a time data/ gives for {{level}} ({{says}}): write <SeverityFact level="{{level}}" field="{{field}}" /> so the page shows the registry\'s value',
    },
  },
  check(ctx) {
    const targets = levelTargets(ctx.project);
    if (!targets.size) return;
    const ids = [...targets.keys()].sort((a, b) => b.length - a.length);
    const idPattern = new RegExp(`(?<![\\w-])(${ids.map((i) => i.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`, 'g');
    // Blocks of prose; a table row also reads its table's header (the header names the target, the row the level).
    const blocks: { node: Nodes; context: string }[] = [];
    visit(ctx.tree as Root, (n) => {
      if (n.type === 'paragraph' || n.type === 'heading') {
        blocks.push({ node: n, context: '' });
        return 'skip';
      }
      if (n.type === 'table') {
        const header = n.children[0]
          ? pieces(n.children[0])
              .map((p) => p.text)
              .join(' ')
          : '';
        n.children.forEach((row, i) => blocks.push({ node: row, context: i === 0 ? '' : header }));
        return 'skip';
      }
      if (n.type === 'code' || n.type === 'yaml') return 'skip';
      return undefined;
    });
    for (const { node: block, context } of blocks) {
      const ps = pieces(block);
      const text = ps.map((p) => p.text).join('');
      // Sentences: a table row is one; in prose, split at sentence ends.
      const spans: [number, number][] = [];
      if (block.type === 'tableRow') spans.push([0, text.length]);
      else {
        let start = 0;
        for (const m of text.matchAll(/[.!?;](\s|$)|\n\n/g)) {
          spans.push([start, m.index! + 1]);
          start = m.index! + m[0].length;
        }
        if (start < text.length) spans.push([start, text.length]);
      }
      for (const [a, b] of spans) {
        const sentence = text.slice(a, b);
        const levels = [...new Set([...sentence.matchAll(idPattern)].map((m) => m[1]))];
        // Only sentences about a response target: other deadlines (action items, reviews) are not in the registry.
        if (!levels.length || !TOPIC.test(`${context} ${sentence}`)) continue;
        for (const m of sentence.matchAll(TARGET)) {
          const unit = UNIT.find(([re]) => re.test(m[3]))?.[1];
          if (!unit) continue;
          const ms = Number(m[2]) * unit;
          if (levels.some((id) => targets.get(id)!.named.some(([, v]) => v === ms))) continue;
          const id = levels[0];
          const known = targets.get(id)!.named.filter(([n]) => n in FIELD_OF);
          const says = known.map(([n, v]) => `${n.replace(/_/g, ' ')} ${humanDuration(v)}`).join(', ');
          const field = known.find(([n]) => (m[1].toLowerCase() === 'every' ? n === 'update_every' : n === 'acknowledge_within'))?.[0] ?? 'acknowledge_within';
          ctx.report({
            messageId: 'mismatch',
            data: { text: m[0], level: id, says: says || 'no targets', field: FIELD_OF[field] },
            at: { start: exactPlace(ctx.text, placeOf(ps, a + m.index!), m[0]) },
          });
        }
      }
    }
  },
};
