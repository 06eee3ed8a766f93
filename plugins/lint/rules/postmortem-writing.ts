/**
 * The parts of the postmortem review checklist that are about the text itself: every timeline entry starts with a
 * UTC time and the entries are in time order, and the prose avoids the hindsight words the blameless-language
 * policy lists.
 */
import type { DocumentRule } from '../types';
import { sourceSpan, type Positioned } from './no-placeholders';

type MessageId = 'hindsight' | 'timelineFormat' | 'timelineOrder';

export interface PostmortemWritingOptions {
  words?: string[];
}

/** The review checklist's list (docs/post-incident/review-checklist.md) and the policy's "human error". */
export const DEFAULT_HINDSIGHT_WORDS = ['should have', 'failed to', 'forgot', 'careless', 'obviously', 'just', 'simply', 'human error'];

const ENTRY = /^\s*[-*]\s+\*\*([^*\n]+)\*\*/;
const UTC_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const patterns = new Map<string, RegExp>();
function wordPattern(words: string[]): RegExp | undefined {
  if (!words.length) return undefined;
  const key = words.join('\u0000');
  let re = patterns.get(key);
  if (!re) {
    // Literal words only (escaped), so a configured list cannot make the scan slow; a line break counts as a space.
    re = new RegExp(`(?<![\\p{L}\\p{N}_'’-])(?:${words.map((w) => escape(w.trim()).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_'’-])`, 'giu');
    patterns.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

export const postmortemWriting: DocumentRule<PostmortemWritingOptions, MessageId> = {
  meta: {
    id: 'postmortem-writing',
    kind: 'document',
    description:
      'A postmortem timeline gives every entry a UTC time, in time order, and the prose avoids hindsight words ("should have", "failed to", "just"...).',
    severity: 'error',
    messages: {
      hindsight:
        'Hindsight word "{{word}}" in a postmortem: describe what people knew and saw at the time, and what made the step easy to miss (blameless language)',
      timelineFormat: 'Timeline entry "{{entry}}" does not start with a UTC time: write it as **2026-03-03 08:45 UTC** followed by what happened',
      timelineOrder: 'Timeline entry at {{time}} comes before the entry above it ({{previous}}): keep the timeline in time order',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { words: { type: 'array', maxItems: 200, items: { type: 'string', minLength: 1, maxLength: 60 } } },
    },
    defaultOptions: { words: DEFAULT_HINDSIGHT_WORDS },
  },
  check(ctx) {
    if (ctx.outline.type !== 'postmortem') return;

    const re = wordPattern(ctx.options.words ?? DEFAULT_HINDSIGHT_WORDS);
    if (re) {
      for (const node of (ctx.outline.nodes?.text ?? []) as (Positioned & { value: string })[]) {
        const cursor = { at: 0 };
        re.lastIndex = 0;
        for (let m = re.exec(node.value); m; m = re.exec(node.value)) {
          ctx.report({ messageId: 'hindsight', data: { word: m[0].replace(/\s+/g, ' ') }, at: sourceSpan(ctx.text, node, node.value, m.index, m[0], cursor) });
        }
      }
    }

    const timeline = ctx.outline.sections.find((s) => s.depth === 2 && s.title.trim().toLowerCase() === 'timeline');
    if (!timeline) return;
    const lines = ctx.text.split('\n');
    const next = ctx.outline.sections.find((s) => s.depth === 2 && s.position.start.line > timeline.position.start.line);
    const end = next ? next.position.start.line - 1 : lines.length;
    let previous: { at: number; label: string } | undefined;
    let fence = false;
    for (let i = timeline.position.start.line; i < end; i++) {
      const line = lines[i];
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      if (fence) continue;
      const m = ENTRY.exec(line);
      if (!m) continue;
      const label = m[1].trim();
      const column = line.indexOf('**') + 1;
      const at = { start: { line: i + 1, column }, end: { line: i + 1, column: column + label.length + 4 } };
      const t = UTC_TIME.exec(label);
      const ms = t ? Date.parse(`${t[1]}T${t[2]}:00Z`) : NaN;
      if (Number.isNaN(ms)) {
        ctx.report({ messageId: 'timelineFormat', data: { entry: label }, at });
        continue;
      }
      if (previous && ms < previous.at) ctx.report({ messageId: 'timelineOrder', data: { time: label, previous: previous.label }, at });
      else previous = { at: ms, label };
    }
  },
};
