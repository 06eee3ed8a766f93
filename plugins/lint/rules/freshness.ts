import { parseDuration } from '../duration';
import type { DocumentRule } from '../types';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** last_reviewed + review_every in the past: a warning; more than twice the period: an error. */
export const freshness: DocumentRule<Record<string, never>, 'future' | 'overdue' | 'due'> = {
  meta: {
    id: 'freshness',
    kind: 'document',
    description: 'A document is reviewed within its review_every period (warning), and never left twice as long (error).',
    severity: 'error',
    messages: {
      future: 'last_reviewed {{last}} is in the future',
      overdue:
        'Review overdue: last reviewed {{last}}, review every {{period}}, due {{due}} ({{late}} late, more than twice the period). Review the document and update last_reviewed',
      due: 'Review due: last reviewed {{last}}, review every {{period}}, due {{due}} ({{late}} late). Review the document and update last_reviewed',
    },
  },
  check(ctx) {
    const last = ctx.frontmatter.last_reviewed;
    const every = parseDuration(ctx.frontmatter.review_every);
    if (typeof last !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(last) || !every) return; // frontmatter-schema reports shape problems
    const reviewed = Date.parse(`${last}T00:00:00Z`);
    if (Number.isNaN(reviewed)) return;
    // Whole days, like the dates it compares: a review due today is not late until tomorrow.
    const now = Date.parse(`${iso(ctx.now.getTime())}T00:00:00Z`);
    if (reviewed > now + DAY) {
      ctx.report({ messageId: 'future', data: { last }, path: ['last_reviewed'] });
      return;
    }
    const due = reviewed + every;
    if (now <= due) return;
    const days = Math.floor((now - due) / DAY);
    const data = { last, period: String(ctx.frontmatter.review_every), due: iso(due), late: `${days} day${days === 1 ? '' : 's'}` };
    if (now > reviewed + 2 * every) ctx.report({ messageId: 'overdue', data, path: ['last_reviewed'], level: 'error' });
    else ctx.report({ messageId: 'due', data, path: ['last_reviewed'], level: 'warn' });
  },
};
