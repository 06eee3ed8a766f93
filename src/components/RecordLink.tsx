/**
 * A link to an incident record, postmortem or report. Archived ones are static pages, not routes of the application:
 * the site plugin hands their addresses over as `pathname://` links, which load the page itself, in the same tab.
 */
import Link from '@docusaurus/Link';
import React from 'react';
import { isStaticLink } from '@site/plugins/lib/static-link';

export function RecordLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <Link to={to} target={isStaticLink(to) ? '_self' : undefined}>
      {children}
    </Link>
  );
}
