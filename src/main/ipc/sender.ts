/**
 * Trusts only the app's own renderer: the same scheme, host and port as its URL (the dev server
 * in development, `app://photoscribe` otherwise). Anything else (a navigated page, an iframe, a
 * `file:` page, a UNC `file://host/…`) is refused.
 */
export function senderCheck(rendererUrl: string): (url: string | undefined) => boolean {
  const expected = new URL(rendererUrl)
  return (url) => {
    if (!url) return false
    let actual: URL
    try {
      actual = new URL(url)
    } catch {
      return false
    }
    // Compared part by part: `URL.origin` is "null" for custom schemes, which would match anything.
    if (expected.protocol === 'file:') return false
    return actual.protocol === expected.protocol && actual.host === expected.host
  }
}
