import { parseDuration } from '../duration';
import type { FileRule } from '../types';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** last_reviewed + review_every in the past: a warning; more than twice the period: an error. */
export const freshness: FileRule = {
  meta: {
    id: 'freshness',
    description: 'A document is reviewed within its review_every period (warning), and never left twice as long (error).',
    severity: 'error',
    scope: 'file',
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
      ctx.report({ message: `last_reviewed ${last} is in the future`, path: ['last_reviewed'] });
      return;
    }
    const due = reviewed + every;
    if (now <= due) return;
    const late = Math.floor((now - due) / DAY);
    const period = String(ctx.frontmatter.review_every);
    if (now > reviewed + 2 * every) {
      ctx.report({
        message: `Review overdue: last reviewed ${last}, review every ${period}, due ${iso(due)} (${late} day${late === 1 ? '' : 's'} late, more than twice the period). Review the document and update last_reviewed`,
        path: ['last_reviewed'],
        level: 'error',
      });
    } else {
      ctx.report({
        message: `Review due: last reviewed ${last}, review every ${period}, due ${iso(due)} (${late} day${late === 1 ? '' : 's'} late). Review the document and update last_reviewed`,
        path: ['last_reviewed'],
        level: 'warn',
      });
    }
  },
};
