/**
 * What an alert name that no runbook lists still tells us: the services it names (CheckoutLatencyHigh → checkout,
 * OrdersDbDown → orders-db), a known alert that differs only in letter case, and the generic runbook to start from.
 * Pure functions over registry data; the site's /runbooks/alert/<name> fallback page uses them.
 */

/** "OrdersDBConnectionsHigh" → ["orders", "db", "connections", "high"]; "orders-db" → ["orders", "db"]. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (!needle.length || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Services whose id or name appears in the alert name as whole words, the most specific (most words) first. */
export function servicesInAlertName(alert: string, services: readonly { id: string; name?: string }[]): string[] {
  const w = words(alert);
  const scored: { id: string; score: number }[] = [];
  for (const s of services) {
    const forms = [words(s.id), ...(s.name ? [words(s.name)] : [])];
    const score = Math.max(0, ...forms.filter((f) => containsRun(w, f)).map((f) => f.length));
    if (score > 0) scored.push({ id: s.id, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).map((s) => s.id);
}

/** A listed alert that equals `alert` except for letter case, if there is exactly one. */
export function sameAlertIgnoringCase(alert: string, known: readonly string[]): string | undefined {
  const hits = known.filter((k) => k !== alert && k.toLowerCase() === alert.toLowerCase());
  return hits.length === 1 ? hits[0] : undefined;
}

export interface RunbookRef {
  route: string;
  services: string[];
  incidentTypes: string[];
}

/**
 * The generic runbook: the runbook named after an incident type (its route ends with the type's id) and written for
 * that type alone, taking the incident types in registry order (the first is the most common kind, e.g. an outage).
 */
export function genericRunbook<R extends RunbookRef>(runbooks: readonly R[], incidentTypes: readonly { id: string }[]): R | undefined {
  for (const t of incidentTypes) {
    const r = runbooks.find((rb) => rb.route.split('/').pop() === t.id && rb.incidentTypes.includes(t.id));
    if (r) return r;
  }
  return undefined;
}

/** Runbooks that list any of `services`, in the order of the services. */
export function runbooksForServices<R extends RunbookRef>(runbooks: readonly R[], services: readonly string[]): R[] {
  const out: R[] = [];
  for (const s of services) for (const r of runbooks) if (r.services.includes(s) && !out.includes(r)) out.push(r);
  return out;
}
