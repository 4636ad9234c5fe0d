import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rendererResponder } from '../../src/main/app-protocol'
import { tempDir } from '../helpers/temp'

async function rendererDir(): Promise<string> {
  const root = await tempDir('renderer')
  const dir = join(root, 'renderer')
  await mkdir(join(dir, 'assets'), { recursive: true })
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Photoscribe</title>')
  await writeFile(join(dir, 'assets', 'index.js'), 'console.log(1)')
  await writeFile(join(root, 'secret.txt'), 'not for the renderer')
  return dir
}

describe('app:// protocol', () => {
  it('serves the bundled renderer with its content type', async () => {
    const serve = rendererResponder(await rendererDir())
    const page = await serve(new Request('app://photoscribe/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await page.text()).toContain('<title>Photoscribe</title>')
    const script = await serve(new Request('app://photoscribe/assets/index.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('answers 404 for another host, a path out of the folder, or a missing file', async () => {
    const serve = rendererResponder(await rendererDir())
    for (const url of [
      'app://evil/index.html',
      'app://photoscribe/../secret.txt',
      'app://photoscribe/%2e%2e/secret.txt',
      'app://photoscribe/..%2fsecret.txt',
      'app://photoscribe/missing.js',
      'app://photoscribe/%E0%A4%A',
      'app://photoscribe/index.html%'
    ])
      expect((await serve(new Request(url))).status, url).toBe(404)
  })
})
