/**
 * The handbook's address for links people copy or print: the configured site address (site_url /
 * HANDBOOK_SITE_URL) when there is one, otherwise the address the reader has open. Docusaurus only knows a
 * placeholder when the address is not set, so siteConfig.url must never reach a page.
 */
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useEffect, useState } from 'react';

/** The configured address without a trailing slash, or '' when the handbook does not know where it is published. */
export function useConfiguredSiteUrl(): string {
  const { siteConfig } = useDocusaurusContext();
  const value = siteConfig.customFields?.siteUrl;
  return typeof value === 'string' ? value.replace(/\/+$/, '') : '';
}

/**
 * The address to show (no trailing slash). Unset: the origin and base path of the open page, known only after
 * mount; before that (the served HTML, the first render) the base path alone, so the text is relative, never wrong.
 */
export function useSiteAddress(): string {
  const configured = useConfiguredSiteUrl();
  const { siteConfig } = useDocusaurusContext();
  const base = siteConfig.baseUrl.replace(/\/+$/, '');
  const [origin, setOrigin] = useState('');
  useEffect(() => {
    if (!configured) setOrigin(window.location.origin);
  }, [configured]);
  return configured || `${origin}${base}`;
}
