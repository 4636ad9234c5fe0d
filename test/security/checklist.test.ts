import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { thumbnailResponder } from '../../src/main/thumb-protocol'
import { makeJpeg } from '../helpers/images'
import { tempDir } from '../helpers/temp'
import { writeFile } from 'node:fs/promises'

const ROOT = join(import.meta.dirname, '../..')

/** The Content-Security-Policy of a renderer page, directive by directive. */
function cspOf(htmlPath: string): Map<string, string[]> {
  const html = readFileSync(htmlPath, 'utf8')
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
  expect(content, `${htmlPath} has a CSP`).toBeTruthy()
  return new Map(
    content!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values])
  )
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

describe('the Electron checklist items not covered by the window and IPC tests', () => {
  const pages = [join(ROOT, 'src/renderer/index.html'), join(ROOT, 'out/renderer/index.html')]
  for (const page of pages.filter((p) => existsSync(p)))
    it(`a strict CSP: ${page.slice(ROOT.length + 1)}`, () => {
      const csp = cspOf(page)
      expect(csp.get('default-src')).toEqual(["'none'"])
      // Scripts only from the app's own origin, named (as 'self' would be, without its JSONP doubts).
      expect(csp.get('script-src')).toEqual(['app://photoscribe'])
      expect(csp.get('style-src')).toEqual(["'self'"])
      expect(csp.get('connect-src')).toEqual(["'self'"])
      expect(csp.get('base-uri')).toEqual(["'none'"])
      expect(csp.get('form-action')).toEqual(["'none'"])
      expect(csp.has('object-src') && csp.get('object-src')).not.toContain('*')
      const all = [...csp.values()].flat()
      expect(all).not.toContain("'unsafe-eval'")
      expect(all.filter((v) => v === '*' || v === 'http:' || v === 'https:')).toEqual([])
    })

  it('no shell.openExternal or shell.openPath anywhere: model text or a path never opens a program', () => {
    const offenders = sourceFiles(join(ROOT, 'src')).filter((file) =>
      /\b(openExternal|openPath)\s*\(/.test(readFileSync(file, 'utf8'))
    )
    expect(offenders).toEqual([])
  })

  it('the thumbnail protocol serves only rows of open queues, never a path from the URL', async () => {
    const photo = join(await tempDir('thumb'), 'mug.jpg')
    await writeFile(photo, await makeJpeg(300, 200, 80))
    const known = new Map([['view-1/row-1', photo]])
    const respond = thumbnailResponder((view, row) => known.get(`${view}/${row}`))
    const served = await respond(new Request('thumb://t/view-1/row-1'))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    for (const url of [
      'thumb://t/view-1/..%2F..%2Fetc%2Fpasswd',
      'thumb://t/etc/passwd',
      'thumb://t/view-1/row-1%00.jpg',
      'thumb://t//etc/passwd',
      `thumb://t/${encodeURIComponent(photo)}`
    ])
      expect((await respond(new Request(url))).status, url).toBe(404)
  })
})
