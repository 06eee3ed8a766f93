/**
 * Code blocks in the reader's colour mode from the first paint after hydration. The static HTML is rendered in the
 * light theme; a reader whose system prefers dark gets data-theme="dark" before React starts, and hydration keeps the
 * server's inline token colours (light-theme colours on a dark page: too little contrast). Mounting the block again
 * once the page runs in the browser, and whenever the mode changes, draws it with the right theme.
 */
import React, { type ComponentProps } from 'react';
import CodeBlock from '@theme-original/CodeBlock';
import { useColorMode } from '@docusaurus/theme-common';
import useIsBrowser from '@docusaurus/useIsBrowser';

export default function CodeBlockInColourMode(props: ComponentProps<typeof CodeBlock>) {
  const { colorMode } = useColorMode();
  const isBrowser = useIsBrowser();
  return <CodeBlock key={isBrowser ? colorMode : 'server'} {...props} />;
}
