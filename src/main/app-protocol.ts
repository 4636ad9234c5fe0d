import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

/** The renderer is served from `app://photoscribe/`, never from `file:` (whose origin is every file). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'photoscribe'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** How the scheme is registered before the app is ready: a standard, secure origin of its own. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true }
} as const

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/**
 * The `protocol.handle` answer for `app://photoscribe/…`: files of the bundled renderer only.
 * Another host, a path that leaves the renderer folder, or a missing file is a 404.
 */
export function rendererResponder(rendererDir: string): (request: Request) => Promise<Response> {
  const root = normalize(rendererDir)
  return async (request) => {
    const url = URL.parse(request.url)
    if (url?.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound()
    const path = decodedPath(url.pathname)
    if (path === null) return notFound()
    const relative = path.replace(/^\/+/, '') || 'index.html'
    const file = normalize(join(root, relative))
    if (!file.startsWith(root + sep)) return notFound()
    try {
      const body = await readFile(file)
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
      return new Response(body, {
        headers: { 'content-type': type, 'x-content-type-options': 'nosniff' }
      })
    } catch {
      return notFound()
    }
  }
}

/** The path with its escapes decoded; null for a broken escape (`%E0%A4%A`), which is a 404. */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404 })
}
