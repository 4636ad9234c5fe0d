import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeJpeg } from '../../helpers/images'

const FIXTURES = join(import.meta.dirname, '../../fixtures/images')

/**
 * A folder of `good` distinct product photos, and optionally a corrupt JPEG (from the fixtures)
 * and a text file named `.jpg`; returns every path, good ones first.
 */
export async function photoFolder(
  good: number,
  bad = false
): Promise<{ dir: string; paths: string[]; good: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'photoscribe-photos-'))
  const paths: string[] = []
  for (let i = 0; i < good; i++) {
    const path = join(dir, `product-${String(i + 1).padStart(3, '0')}.jpg`)
    writeFileSync(path, await makeJpeg(320 + (i % 7) * 40, 240 + (i % 5) * 30, (i * 37) % 255))
    paths.push(path)
  }
  const goodPaths = [...paths]
  if (bad) {
    const corrupt = join(dir, 'damaged-photo.jpg')
    copyFileSync(join(FIXTURES, 'corrupt-header.jpg'), corrupt)
    const text = join(dir, 'notes.jpg')
    writeFileSync(text, 'These are my notes, not a photo.\n')
    paths.push(corrupt, text)
  }
  return { dir, paths, good: goodPaths }
}
