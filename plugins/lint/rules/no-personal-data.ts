import { configRegex } from '../linear-regex';
import { spanOf } from '../outline';
import { dataStrings } from '../data-strings';
import type { DocumentRule, Project } from '../types';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone numbers as people write them: international (+44 7700 900123, +33 6 12 34 56 78), national with a trunk 0
// (07700 900123, (020) 7946 0018) and North American ((415) 555-0132, 415.555.0132, 415-555-0132).
const PHONE =
  /(?<![\w./:+-])(?:\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}|\(?0\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,5}|\(\d{3}\)[\s.-]?\d{3}[\s.-]\d{4}|\d{3}([.-])\d{3}\1\d{4})(?![\w/:-]|\.\d)/g;
/** tel: links, wherever they are. */
const TEL = /\btel:[+\d().\s-]{6,}/gi;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const RESERVED_EMAIL_DOMAINS = /@(example\.(com|org|net)|[a-z0-9-]+\.(example|invalid|test|localhost))$/i;

interface Options {
  /** Regular expressions (case-insensitive) of email addresses the rule accepts. */
  allow_emails?: string[];
  /** Regular expressions of phone numbers the rule accepts (an organisation's switchboard). */
  allow_phones?: string[];
}

type Messages = 'email' | 'phone' | 'tel';
type Found = (messageId: Messages, value: string) => void;

/** The scan for one project (team aliases and the rule's allowlists applied). */
function scanner(project: Project, cfg: Options): (text: string, report: Found) => void {
  const teams = (project.data.teams?.value as { teams?: { email?: unknown }[] } | undefined)?.teams ?? [];
  const teamEmails = new Set<string>(teams.map((t) => String(t?.email ?? '').toLowerCase()));
  const allowEmail = (cfg.allow_emails ?? []).map((p) => configRegex(p, 'i'));
  const allowPhone = (cfg.allow_phones ?? []).map((p) => configRegex(p));
  return (text: string, report: Found) => {
    // Each pattern needs a character most text nodes lack ('@', a digit, 'tel:'): test for it before running the
    // pattern itself, whose backtracking on long words is the cost.
    if (text.includes('@')) scanEmails(text, report);
    if (/\d/.test(text)) scanPhones(text, report);
    if (/tel:/i.test(text)) scanTel(text, report);
  };
  function scanEmails(text: string, report: Found) {
    for (const m of text.matchAll(EMAIL)) {
      const e = m[0].toLowerCase();
      if (teamEmails.has(e) || allowEmail.some((r) => r.test(e))) continue;
      if (RESERVED_EMAIL_DOMAINS.test(e) && /^(noreply|no-reply|support|security|privacy|dpo|legal|incidents?|status|oncall|alerts?|team)@/.test(e)) continue;
      // user@host: an SSH or git target (git@github.com:org/repo, ssh deploy@bastion), not a mailbox.
      const end = (m.index ?? 0) + m[0].length;
      if (
        text[end] === ':' ||
        /\b(?:ssh|scp|sftp|rsync|mosh|git clone|git remote add \S+)\s+(?:-\S+\s+(?:\S+\s+)?)*$/.test(text.slice(Math.max(0, (m.index ?? 0) - 80), m.index))
      )
        continue;
      report('email', m[0]);
    }
  }
  function scanPhones(text: string, report: Found) {
    for (const m of text.matchAll(PHONE)) {
      const value = m[0].trim();
      const digits = value.replace(/\D/g, '');
      if (digits.length < 9 || digits.length > 15) continue; // 0800-1700 is a time range, not a number
      if (/^\d{4}[-.]\d{2}[-.]\d{2}$/.test(value)) continue; // a date
      if (IPV4.test(value)) continue; // an address
      if (allowPhone.some((r) => r.test(value))) continue;
      report('phone', value);
    }
  }
  function scanTel(text: string, report: Found) {
    for (const m of text.matchAll(TEL)) {
      const value = m[0].trim();
      if (allowPhone.some((r) => r.test(value.replace(/^tel:/i, '')))) continue;
      report('tel', value);
    }
  }
}

/**
 * Personal phone numbers and personal email addresses do not belong in procedures: contacts live in
 * data/teams.yaml (team aliases) or the paging tool. Team aliases from teams.yaml and config allowlists pass.
 */
export const noPersonalData: DocumentRule<Options, Messages> = {
  meta: {
    id: 'no-personal-data',
    kind: 'document',
    description: 'No personal phone numbers or personal email addresses in documents; use team aliases and the paging tool.',
    severity: 'error',
    security: true,
    messages: {
      email: 'Email address "{{value}}" looks personal: use a team alias from data/teams.yaml or the paging tool',
      phone: 'Phone number "{{value}}" in a document: page people through the paging tool instead of listing numbers',
      tel: 'Phone link "{{value}}" in a document: page people through the paging tool instead of listing numbers',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { allow_emails: { type: 'array', items: { type: 'string' } }, allow_phones: { type: 'array', items: { type: 'string' } } },
    },
  },
  check(ctx) {
    const scan = scanner(ctx.project, ctx.options);
    const nodes = ctx.outline.nodes ?? {};
    for (const node of [...(nodes.text ?? []), ...(nodes.inlineCode ?? []), ...(nodes.code ?? []), ...(nodes.html ?? [])]) {
      scan(node.value, (messageId, value) => ctx.report({ messageId, data: { value }, at: spanOf(node) }));
    }
    for (const node of [...(nodes.link ?? []), ...(nodes.definition ?? [])]) {
      if (/^tel:/i.test(node.url)) scan(node.url, (messageId, value) => ctx.report({ messageId, data: { value }, at: spanOf(node) }));
    }
    const walk = (v: unknown, path: (string | number)[]) => {
      if (typeof v === 'string') scan(v, (messageId, value) => ctx.report({ messageId, data: { value }, path }));
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(ctx.frontmatter, []);
  },
  /** Data registries render on pages: every string value, except the organisation lines in contacts allowed by config. */
  checkData(ctx) {
    const scan = scanner(ctx.project, ctx.options);
    for (const d of dataStrings(ctx.project)) scan(d.value, (messageId, value) => ctx.report({ messageId, data: { value }, file: d.file, at: d.at() }));
  },
};
