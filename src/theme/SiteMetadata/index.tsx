/**
 * Site-wide head tags. Same tags as the classic theme's, except that the self-referencing ones (canonical, og:url,
 * hreflang alternates) are written only when the handbook knows its published address: without one Docusaurus
 * carries a placeholder host, and a canonical link to it would send crawlers and link previews nowhere.
 */
import Head from '@docusaurus/Head';
import { useLocation } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { applyTrailingSlash } from '@docusaurus/utils-common';
import { PageMetadata, useThemeConfig } from '@docusaurus/theme-common';
import { DEFAULT_SEARCH_TAG, useAlternatePageUtils } from '@docusaurus/theme-common/internal';
import SearchMetadata from '@theme/SearchMetadata';
import React from 'react';
import { useConfiguredSiteUrl } from '@site/src/components/site-address';

// Open Graph wants en_GB where HTML has en-GB.
const openGraphLocale = (htmlLang: string) => htmlLang.replace('-', '_');

function LocaleHeaders({ withLinks }: { withLinks: boolean }) {
  const {
    i18n: { currentLocale, defaultLocale, localeConfigs },
  } = useDocusaurusContext();
  const pages = useAlternatePageUtils();
  const current = localeConfigs[currentLocale]?.htmlLang ?? currentLocale;
  return (
    <Head>
      {withLinks
        ? Object.entries(localeConfigs).map(([locale, config]) => (
            <link key={locale} rel="alternate" href={pages.createUrl({ locale, fullyQualified: true })} hrefLang={config.htmlLang} />
          ))
        : null}
      {withLinks ? <link rel="alternate" href={pages.createUrl({ locale: defaultLocale, fullyQualified: true })} hrefLang="x-default" /> : null}
      <meta property="og:locale" content={openGraphLocale(current)} />
      {Object.values(localeConfigs)
        .filter((config) => config.htmlLang !== current)
        .map((config) => (
          <meta key={`og-locale-${config.htmlLang}`} property="og:locale:alternate" content={openGraphLocale(config.htmlLang)} />
        ))}
    </Head>
  );
}

function CanonicalHeaders({ siteUrl }: { siteUrl: string }) {
  const {
    siteConfig: { baseUrl, trailingSlash },
  } = useDocusaurusContext();
  const { pathname } = useLocation();
  const path = applyTrailingSlash(useBaseUrl(pathname), { trailingSlash, baseUrl });
  // siteUrl may carry the base path already (https://acme.internal/handbook); the path starts with it.
  const canonical = `${new URL(siteUrl).origin}${path}`;
  return (
    <Head>
      <meta property="og:url" content={canonical} />
      <link rel="canonical" href={canonical} />
    </Head>
  );
}

export default function SiteMetadata(): React.ReactElement {
  const {
    i18n: { currentLocale },
  } = useDocusaurusContext();
  const { metadata, image } = useThemeConfig();
  const siteUrl = useConfiguredSiteUrl();
  return (
    <>
      <Head>
        <meta name="twitter:card" content="summary_large_image" />
        {/* The keyboard-focus class goes on body during server rendering too. */}
        <body />
      </Head>
      {image ? <PageMetadata image={image} /> : null}
      {siteUrl ? <CanonicalHeaders siteUrl={siteUrl} /> : null}
      <LocaleHeaders withLinks={Boolean(siteUrl)} />
      <SearchMetadata tag={DEFAULT_SEARCH_TAG} locale={currentLocale} />
      {/* A second Head so site metadata overrides the defaults above instead of duplicating them. */}
      <Head>
        {metadata.map((m, i) => (
          <meta key={i} {...m} />
        ))}
      </Head>
    </>
  );
}
