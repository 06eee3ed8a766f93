import Link from '@docusaurus/Link';
import { useHistory } from '@docusaurus/router';
import Head from '@docusaurus/Head';
import Layout from '@theme/Layout';
import React, { useEffect } from 'react';

/** /runbooks/alert/<AlertName>: forwards to the runbook that lists the alert (and works without JavaScript). */
export default function AlertRedirect({ target }: { target: { alert: string; route: string; title: string } }) {
  const history = useHistory();
  useEffect(() => {
    history.replace(target.route);
  }, [target.route]);
  return (
    <Layout title={`Runbook for ${target.alert}`} noFooter>
      <Head>
        <meta httpEquiv="refresh" content={`0; url=${target.route}`} />
        <link rel="canonical" href={target.route} />
      </Head>
      <main className="container margin-vert--lg">
        <h1>Runbook for {target.alert}</h1>
        <p>
          Opening <Link to={target.route}>{target.title}</Link>.
        </p>
      </main>
    </Layout>
  );
}
