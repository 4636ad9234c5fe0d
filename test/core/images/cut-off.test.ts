import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { looksCutOff } from '../../../src/core/images/cut-off'

const FIXTURES = join(__dirname, '../../fixtures/images')

/** A copy of a fixture in a temporary folder, its bytes cut to `keep` (all when undefined). */
async function copyOf(name: string, keep?: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'photoscribe-cutoff-'))
  const to = join(dir, name)
  if (keep === undefined) await copyFile(join(FIXTURES, name), to)
  else await writeFile(to, (await readFile(join(FIXTURES, name))).subarray(0, keep))
  return to
}

describe('a photo that looks cut off, from its first and last bytes', () => {
  it.each([
    ['flowers.jpeg', false],
    ['Landscape_1.jpg', false],
    ['with-alpha.png', false],
    ['4.webp', false],
    ['truncated.jpg', true]
  ])('%s → %s', async (name, expected) => {
    expect(await looksCutOff(await copyOf(name))).toBe(expected)
  })

  it('a JPEG, PNG and WebP each cut to two thirds', async () => {
    for (const [name, size] of [
      ['flowers.jpeg', 85_267],
      ['with-alpha.png', 1_362],
      ['4.webp', 176_972]
    ] as const)
      expect(await looksCutOff(await copyOf(name, Math.floor((size * 2) / 3))), name).toBe(true)
  })

  it('a camera trailer after the JPEG’s end marker is not a cut', async () => {
    const path = await copyOf('flowers.jpeg')
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.alloc(600, 0x20)]))
    expect(await looksCutOff(path)).toBe(false)
  })
})
