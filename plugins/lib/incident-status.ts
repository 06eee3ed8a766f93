/** Which incident statuses end an incident: one definition for the site, the responder, the status page and metrics. */

/** The statuses of an incident that is over (no more updates are due, it is listed by year). */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed']);

/** Whether an incident with this status is over. */
export function isClosed(status: unknown): boolean {
  return CLOSED_STATUSES.has(String(status ?? ''));
}
