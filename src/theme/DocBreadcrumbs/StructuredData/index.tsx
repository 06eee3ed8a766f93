/**
 * The breadcrumb JSON-LD of a docs page. Docusaurus writes it with plain JSON.stringify, so a title containing
 * "</script>" would end the element and run what follows; this version escapes <, > and & inside the JSON.
 * Without a configured site address the links are relative to the site, as in the served HTML (Docusaurus would
 * write its placeholder host into them when the page hydrates).
 */
import Head from '@docusaurus/Head';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useBreadcrumbsStructuredData } from '@docusaurus/plugin-content-docs/client';
import type { Props } from '@theme/DocBreadcrumbs/StructuredData';
import React from 'react';
import { jsonForScript } from '../../../../plugins/lib/escape';
import { useConfiguredSiteUrl } from '../../../components/site-address';

export default function DocBreadcrumbsStructuredData({ breadcrumbs }: Props): React.ReactElement {
  const data = useBreadcrumbsStructuredData({ breadcrumbs });
  const configured = useConfiguredSiteUrl();
  const { siteConfig } = useDocusaurusContext();
  // Every absolute link in it starts with the placeholder host: cut it off at the start of each JSON string.
  const shown: unknown = configured ? data : JSON.parse(JSON.stringify(data).split(`"${siteConfig.url}`).join('"'));
  return (
    <Head>
      <script type="application/ld+json">{jsonForScript(shown)}</script>
    </Head>
  );
}
