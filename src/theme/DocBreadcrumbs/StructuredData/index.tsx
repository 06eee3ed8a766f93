/**
 * The breadcrumb JSON-LD of a docs page. Docusaurus writes it with plain JSON.stringify, so a title containing
 * "</script>" would end the element and run what follows; this version escapes <, > and & inside the JSON.
 */
import Head from '@docusaurus/Head';
import { useBreadcrumbsStructuredData } from '@docusaurus/plugin-content-docs/client';
import type { Props } from '@theme/DocBreadcrumbs/StructuredData';
import React from 'react';
import { jsonForScript } from '../../../../plugins/lib/escape';

export default function DocBreadcrumbsStructuredData({ breadcrumbs }: Props): React.ReactElement {
  const data = useBreadcrumbsStructuredData({ breadcrumbs });
  return (
    <Head>
      <script type="application/ld+json">{jsonForScript(data)}</script>
    </Head>
  );
}
