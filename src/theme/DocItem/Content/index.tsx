/**
 * The document body, with the title first and then, for documents that carry them, the facts from front matter:
 * a runbook's alerts, services and severities (so search finds a runbook by alert name) and every reviewed
 * document's owner and review date.
 */
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { ThemeClassNames } from '@docusaurus/theme-common';
import Heading from '@theme/Heading';
import MDXContent from '@theme/MDXContent';
import clsx from 'clsx';
import React, { type ReactNode } from 'react';
import { DocFacts } from '@site/src/components/DocFacts';

export default function DocItemContent({ children }: { children: ReactNode }) {
  const { metadata, frontMatter, contentTitle } = useDoc();
  const title = !frontMatter.hide_title && contentTitle === undefined ? metadata.title : null;
  return (
    <div className={clsx(ThemeClassNames.docs.docMarkdown, 'markdown')}>
      {title ? (
        <header>
          <Heading as="h1">{title}</Heading>
        </header>
      ) : null}
      <DocFacts frontMatter={frontMatter as Record<string, unknown>} />
      <MDXContent>{children}</MDXContent>
    </div>
  );
}
