import { spanOf } from '../outline';
import type { FileRule } from '../types';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone numbers as people write them: international (+44 7700 900123) or national with a trunk 0 (07700 900123, (020) 7946 0018).
const PHONE = /(?<![\w./:+-])(?:\+\d{1,3}|\(?0\d{1,4}\)?)(?:[\s.-]?\d{2,4}){2,5}(?![\w/:-])/g;
const RESERVED_EMAIL_DOMAINS = /@(example\.(com|org|net)|[a-z0-9-]+\.(example|invalid|test|localhost))$/i;

/**
 * Personal phone numbers and personal email addresses do not belong in procedures: contacts live in
 * data/teams.yaml (team aliases) or the paging tool. Team aliases from teams.yaml and config allowlists pass.
 */
export const noPersonalData: FileRule = {
  meta: {
    id: 'no-personal-data',
    description: 'No personal phone numbers or personal email addresses in documents; use team aliases and the paging tool.',
    severity: 'error',
    scope: 'file',
  },
  check(ctx) {
    const cfg = ((ctx.project.config as any).personal_data ?? {}) as { allow_emails?: string[]; allow_phones?: string[] };
    const teamEmails = new Set<string>((ctx.project.data.teams?.value?.teams ?? []).map((t: any) => String(t.email ?? '').toLowerCase()));
    const allowEmail = (cfg.allow_emails ?? []).map((p) => new RegExp(p, 'i'));
    const allowPhone = (cfg.allow_phones ?? []).map((p) => new RegExp(p));
    const scan = (text: string, report: (m: string) => void) => {
      for (const m of text.matchAll(EMAIL)) {
        const e = m[0].toLowerCase();
        if (teamEmails.has(e) || allowEmail.some((r) => r.test(e))) continue;
        if (RESERVED_EMAIL_DOMAINS.test(e) && /^(noreply|no-reply|support|security|privacy|dpo|legal|incidents?|status|oncall|alerts?|team)@/.test(e)) continue;
        report(`Email address "${m[0]}" looks personal: use a team alias from data/teams.yaml or the paging tool`);
      }
      for (const m of text.matchAll(PHONE)) {
        const digits = m[0].replace(/\D/g, '');
        if (digits.length < 8 || digits.length > 15) continue;
        if (/^\d{4}[-.]\d{2}[-.]\d{2}$/.test(m[0].trim())) continue; // a date
        if (allowPhone.some((r) => r.test(m[0]))) continue;
        report(`Phone number "${m[0].trim()}" in a document: page people through the paging tool instead of listing numbers`);
      }
    };
    const nodes = ctx.outline.nodes ?? {};
    for (const node of [...(nodes.text ?? []), ...(nodes.inlineCode ?? []), ...(nodes.code ?? []), ...(nodes.html ?? [])]) {
      scan(node.value, (message) => ctx.report({ message, at: spanOf(node) }));
    }
    const walk = (v: unknown, path: (string | number)[]) => {
      if (typeof v === 'string') scan(v, (message) => ctx.report({ message, path }));
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(ctx.frontmatter, []);
  },
};
