/**
 * Taro's H5 components render some controls (the tab bar among them) as `<a href="javascript:;">`. Under the
 * host's Content-Security-Policy, following such a link is a blocked script: every tap logged an error. The
 * link's own click handlers still run; only the browser's default navigation to the `javascript:` URL is dropped.
 */
export function disarmJavascriptLinks(doc: Document): void {
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (target?.closest?.('a[href^="javascript:"]')) event.preventDefault();
    },
    true,
  );
}
