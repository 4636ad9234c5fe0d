/**
 * Trusts only the app's own renderer: the dev server's origin in development, or exactly the
 * bundled index.html file in production. Anything else (a navigated page, an iframe) is refused.
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
    if (expected.protocol === 'file:')
      return actual.protocol === 'file:' && actual.pathname === expected.pathname
    return actual.origin === expected.origin
  }
}
