/**
 * The "page not found" content, except under /runbooks/alert/<name>, where it becomes the alert fallback page.
 * The static server answers such a URL with 404.html, rendered for no particular path: the first render in the
 * browser must match it (or React reports a hydration error), so the fallback replaces it right after hydration.
 */
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import useIsBrowser from '@docusaurus/useIsBrowser';
import { useLocation } from '@docusaurus/router';
import Original from '@theme-original/NotFound/Content';
import type { Props } from '@theme/NotFound/Content';
import React from 'react';
import { AlertFallback, alertFromPath } from '@site/src/components/AlertFallback';

export default function NotFoundContent(props: Props) {
  const isBrowser = useIsBrowser();
  const { pathname } = useLocation();
  const { siteConfig } = useDocusaurusContext();
  const alert = isBrowser ? alertFromPath(pathname, siteConfig.baseUrl) : undefined;
  return alert ? <AlertFallback name={alert} /> : <Original {...props} />;
}
