import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import { OnCallNow } from '@site/src/components/OnCall';
import { useHandbookData } from '@site/src/components/data';

/** Who is on call now and next for every rotation, with links to reach them: the page to open when you need a person. */
export default function OnCallNowPage() {
  const data = useHandbookData();
  const pager = data.contacts.tools?.find((t) => t.kind === 'paging');
  return (
    <Layout title="Who is on call now" description="Who holds each on-call rotation now and next, and how to page, chat with or call them.">
      <main className="container margin-vert--md">
        <h1>Who is on call now</h1>
        <OnCallNow />
        <p>
          Times are shown in your time zone and in the rotation's. <strong>Page</strong> opens {pager ? pager.name : 'the paging tool'} for that rotation,{' '}
          <strong>Calendar</strong> is a feed of its shifts you can subscribe to in your calendar app. How rotations, hand-offs and swaps work is in the{' '}
          <Link to="/on-call">on-call policy</Link>; who to involve and when is in the <Link to="/escalation">escalation procedures</Link>.
        </p>
      </main>
    </Layout>
  );
}
