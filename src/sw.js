/**
 * Added to the service worker of @docusaurus/plugin-pwa. Pages are precached as `<route>.html` (trailingSlash: false),
 * but people and links ask for the clean URL (`/runbooks/dns-failure`, `/search?q=…`), which the plugin's own
 * handler does not map to the cached file. For page navigations this answers from the precache first (the same
 * cache-first rule the plugin uses for the files it recognises) and falls back to the network for anything not cached.
 */
export default function handbookServiceWorker() {
  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.mode !== 'navigate' || request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    // "/" and "/x/" are mapped by the plugin's handler ("/index.html"); ".html" URLs too.
    if (url.pathname.endsWith('/') || url.pathname.endsWith('.html')) return;
    event.respondWith(
      (async () => {
        const candidates = [`${url.origin}${url.pathname}.html`, `${url.origin}${url.pathname}/index.html`];
        for (const candidate of candidates) {
          const cached = await caches.match(candidate, { ignoreSearch: true });
          if (cached) return cached;
        }
        return fetch(request);
      })(),
    );
  });
}
