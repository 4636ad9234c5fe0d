import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml'
}

/** Serves a folder on 127.0.0.1 (any port); favicon requests get 204. */
export async function serveFolder(
  root: string,
  routes: Record<string, (request: Request) => Promise<Response>> = {}
): Promise<{ url: string; failures: string[]; close: () => Promise<void> }> {
  const failures: string[] = []
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (path === '/favicon.ico') return void res.writeHead(204).end()
    const prefix = Object.keys(routes).find((p) => path.startsWith(p))
    if (prefix) return void answer(routes[prefix], req.url ?? '/', res)
    const file = normalize(join(root, path === '/' ? 'index.html' : path))
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      failures.push(`404 ${path}`)
      return void res.writeHead(404).end()
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    // The app serves its page from app://photoscribe, and its CSP names that origin; here the
    // same page comes from this server's origin, so the policy names this one instead.
    if (file.endsWith('.html'))
      return void res.end(readFileSync(file, 'utf8').replaceAll('app://photoscribe', origin))
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `http://127.0.0.1:${port}/`,
    failures,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

/** Serves a `protocol.handle`-style responder (Request → Response) over node:http. */
async function answer(
  responder: (request: Request) => Promise<Response>,
  url: string,
  res: ServerResponse
): Promise<void> {
  const response = await responder(new Request(`http://127.0.0.1${url}`))
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
}
