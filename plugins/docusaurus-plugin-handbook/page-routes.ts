/**
 * The pages the site plugin generates (besides documents, incident records and /runbooks/alert/<name>). React pages
 * live in src/pages. handbook.config.yaml lists all of them under `routes` for link-integrity; a unit test
 * (tests/unit/site-routes.test.ts) fails when that list and these pages drift apart.
 */
export const PAGE_ROUTES = {
  breakGlass: '/break-glass',
  dashboard: '/incidents/dashboard',
  /** The index of reports; each report is at <reports>/<kind>/<period>. */
  reports: '/incidents/reports',
  compliance: '/compliance',
} as const;
