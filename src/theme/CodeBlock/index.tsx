/**
 * Code blocks highlighted in the reader's colour mode, with the highlighter loaded only by pages that show code.
 *
 * Prism lives in the chunk of ./Highlighted (see plugins/docusaurus-plugin-handbook/lazy-prism.ts), so it is not in
 * the JavaScript every page loads. The server render waits for the chunk, so the static HTML has the highlighted
 * block. In the browser the block's HTML from the server stays as it is (React does not look inside an element whose
 * content is set as HTML) until the chunk has arrived; then the block is drawn again by React, in the reader's colour
 * mode (the static HTML uses the light theme's token colours, too faint on a dark page), and again whenever the mode
 * changes. After a client-side navigation a block waiting for the chunk shows its code as plain text.
 */
import React, { lazy, Suspense, useEffect, useState, type ComponentProps, type ComponentType } from 'react';
import type CodeBlock from '@theme-original/CodeBlock';
import { useColorMode } from '@docusaurus/theme-common';
import useIsBrowser from '@docusaurus/useIsBrowser';

type Props = ComponentProps<typeof CodeBlock>;
type Block = ComponentType<Props>;

const load = () => import('./Highlighted');
const OnServer = lazy(load);
/** The highlighted block once this browser has loaded its chunk. */
let loaded: Block | undefined;

const HOST = { display: 'contents' } as const;

function Plain({ children }: Props) {
  return (
    <pre>
      <code>{typeof children === 'string' ? children : null}</code>
    </pre>
  );
}

export default function CodeBlockInColourMode(props: Props) {
  const { colorMode } = useColorMode();
  const isBrowser = useIsBrowser();
  // Rendered first while hydrating: the server's HTML is still on screen then.
  const [fromServer] = useState(!isBrowser);
  const [Highlighted, setHighlighted] = useState<Block | undefined>(() => loaded);
  useEffect(() => {
    if (Highlighted) return;
    let live = true;
    void load().then((m) => {
      loaded = m.default as Block;
      if (live) setHighlighted(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [Highlighted]);

  if (typeof window === 'undefined') {
    return (
      <div style={HOST}>
        <Suspense>
          <OnServer {...props} />
        </Suspense>
      </div>
    );
  }
  if (Highlighted && isBrowser) {
    return (
      <div style={HOST}>
        <Highlighted key={colorMode} {...props} />
      </div>
    );
  }
  if (fromServer) return <div style={HOST} dangerouslySetInnerHTML={{ __html: '' }} suppressHydrationWarning />;
  return (
    <div style={HOST}>
      <Plain {...props} />
    </div>
  );
}
