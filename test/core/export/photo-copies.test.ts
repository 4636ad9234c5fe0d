import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { foldJournal } from '../../../src/core/jobs/job-state'
import type { JournalEvent } from '../../../src/core/jobs/journal-events'
import { imageDataHash } from '../../../src/core/export/photos/image-data'
import { writePhotoCopies } from '../../../src/core/export/photos/write-photos'
import { testSettings } from '../../helpers/job-fixtures'
import { answeredEvents } from '../../helpers/answered'
import { tempDir } from '../../helpers/temp'

const EXIFTOOL = '/usr/bin/exiftool'
const hasExifTool = existsSync(EXIFTOOL)
if (!hasExifTool)
  console.log(
    'Skipping the ExifTool read-back: no /usr/bin/exiftool (apt-get install libimage-exiftool-perl).'
  )

/** JPEG (one with Lightroom's XMP already in it), PNG, WebP (simple VP8) and a big-endian TIFF. */
const FIXTURES = ['Landscape_9.jpg', 'flowers.jpeg', 'with-alpha.png', '4.webp', 'G31D.TIF']
const IMAGES = join(__dirname, '../../fixtures/images')

async function job(alt: (name: string) => string) {
  const inputs = await tempDir('photos-in')
  await mkdir(join(inputs, 'shop'))
  const events: JournalEvent[] = []
  for (const [i, name] of FIXTURES.entries()) {
    const path = join(inputs, 'shop', name)
    await copyFile(join(IMAGES, name), path)
    const fields = {
      title: `Title of ${name}`,
      meta_description: `Description of ${name} — “quoted”, <b>not markup</b>\nsecond line`,
      alt_text: alt(name),
      tags: ['linen', 'summer']
    }
    events.push(...answeredEvents(`p${i}`, path, fields, 'approved'))
  }
  return { inputs, state: foldJournal(events), settings: testSettings([inputs]) }
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

describe('--format photos: alt text written into copies of the photos', () => {
  it.skipIf(!hasExifTool)(
    'ExifTool reads the alt text, description and title back from JPEG, PNG, WebP and TIFF copies; the compressed image data is byte-identical; the originals are untouched',
    async () => {
      const { inputs, state, settings } = await job((name) => `Alt text of ${name}`)
      const originals = new Map<string, string>()
      for (const name of FIXTURES)
        originals.set(name, sha(await readFile(join(inputs, 'shop', name))))
      const out = await tempDir('photos-out')
      const result = await writePhotoCopies(out, state, settings, { approvedOnly: true })
      expect(result.skipped).toEqual([])
      expect(result.written).toBe(5)
      expect((await readdir(join(out, 'shop'))).sort()).toEqual([...FIXTURES].sort())

      const read = JSON.parse(
        execFileSync(EXIFTOOL, ['-j', '-G1', '-a', ...FIXTURES.map((n) => join(out, 'shop', n))], {
          encoding: 'utf8'
        })
      ) as Record<string, unknown>[]
      for (const [i, name] of FIXTURES.entries()) {
        const tags = read[i]
        expect(tags['XMP-iptcCore:AltTextAccessibility']).toBe(`Alt text of ${name}`)
        expect(tags['XMP-iptcCore:ExtDescrAccessibility']).toBe(
          `Description of ${name} — “quoted”, <b>not markup</b>\nsecond line`
        )
        expect(tags['XMP-dc:Description']).toBe(tags['XMP-iptcCore:ExtDescrAccessibility'])
        expect(tags['XMP-dc:Title']).toBe(`Title of ${name}`)
        expect(tags['XMP-dc:Subject']).toEqual(['linen', 'summer'])
        if (/\.(jpe?g|tif)$/i.test(name))
          expect(tags['IPTC:Caption-Abstract']).toBe(tags['XMP-dc:Description'])
        // The image itself, byte for byte: JPEG scans, PNG IDAT, WebP VP8, TIFF strips.
        const copy = await readFile(join(out, 'shop', name))
        const original = await readFile(join(inputs, 'shop', name))
        expect(imageDataHash(copy)).not.toBeNull()
        expect(imageDataHash(copy)).toBe(imageDataHash(original))
        expect(sha(original)).toBe(originals.get(name))
        expect(sha(copy)).not.toBe(originals.get(name))
      }
      // Lightroom's own XMP in the first photo is kept beside ours.
      expect(read[0]['XMP-xmp:CreatorTool']).toBe('Adobe Photoshop Lightroom 6.6 (Macintosh)')
    },
    60_000
  )

  it('refuses an output folder where a copy would replace its original', async () => {
    const { inputs, state, settings } = await job(() => 'alt')
    const writes: string[] = []
    const writer = { write: async (path: string) => void writes.push(path), close: async () => {} }
    await expect(
      writePhotoCopies(inputs, state, settings, { approvedOnly: true }, writer)
    ).rejects.toThrow(/would replace the original/)
    expect(writes).toEqual([])
  })

  it('keeps no copy whose image data changed, and says which', async () => {
    const { state, settings } = await job(() => 'alt')
    const out = await tempDir('photos-out')
    // A writer that re-encodes (what sharp's withXmp does): caught, and no copy is kept.
    const reencoding = {
      write: async (path: string) => {
        const again = await sharp(await readFile(path)).toBuffer()
        await writeFile(path, again)
      },
      close: async () => {}
    }
    const result = await writePhotoCopies(out, state, settings, { approvedOnly: true }, reencoding)
    expect(result.written).toBe(0)
    expect(result.skipped.map((s) => s.reason)).toEqual(Array(5).fill('changedPixels'))
    expect(await readdir(join(out, 'shop')).catch(() => [])).toEqual([])
  })
})
