import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { JobState } from '../../jobs/job-state'
import type { JobSettings } from '../../jobs/job-store'
import { fieldLanguages } from '../../templates/languages'
import { relativePath } from '../shop/image-url'
import { listingsOf, type GroupBy, type Listing } from '../shop/listing'
import { imageDataHash } from './image-data'
import { metadataWriter, type MetadataWriter, type PhotoText } from './metadata-writer'

/** What `--format photos` wrote, and the photos it left out with why. */
export interface PhotosExport {
  dir: string
  written: number
  skipped: { path: string; reason: 'format' | 'unreadable' | 'changedPixels' | 'writeFailed' }[]
}

/**
 * Copies each answered photo (approved ones with `approvedOnly`) into `dir`, below the same path
 * as under its folder, with its alt text, description, title and keywords written into the
 * copy's metadata (XMP, and IPTC's caption where the format has it). The copy's compressed image
 * data is checked byte for byte against the original's before it is kept; the originals are only
 * read.
 */
export async function writePhotoCopies(
  dir: string,
  state: JobState,
  settings: JobSettings,
  choice: { approvedOnly: boolean; groupBy?: GroupBy },
  writer: MetadataWriter = metadataWriter()
): Promise<PhotosExport> {
  const result: PhotosExport = { dir, written: 0, skipped: [] }
  const photos = photoTexts(state, settings, choice)
  const targets = photos.map(({ path }) => join(dir, relativePath(path, settings.inputs)))
  refuseOriginals(
    photos.map((p) => p.path),
    targets
  )
  try {
    for (const [i, photo] of photos.entries()) {
      const skipped = await copyWithText(photo, targets[i], writer)
      if (skipped) result.skipped.push({ path: photo.path, reason: skipped })
      else result.written++
    }
  } finally {
    await writer.close()
  }
  return result
}

/** Each photo's text in every language of the job (the first is the default). */
function photoTexts(
  state: JobState,
  settings: JobSettings,
  choice: { approvedOnly: boolean; groupBy?: GroupBy }
): (PhotoText & { path: string })[] {
  const languages = fieldLanguages(settings)
  const byLanguage = languages.map(({ suffix }) =>
    listingsOf(state.items.values(), settings, {
      groupBy: choice.groupBy ?? 'sku',
      approvedOnly: choice.approvedOnly,
      suffix
    })
  )
  return byLanguage[0].flatMap((listing, l) =>
    listing.photos.map((photo, p) => ({
      path: photo.path,
      ...textOf(listing, photo.alt),
      others: byLanguage.slice(1).map((listings, k) => ({
        code: languages[k + 1].code,
        ...textOf(listings[l], listings[l]?.photos[p]?.alt ?? '')
      }))
    }))
  )
}

function textOf(listing: Listing | undefined, alt: string) {
  return {
    alt,
    description: listing?.description ?? '',
    title: listing?.title ?? '',
    keywords: listing?.tags ?? []
  }
}

/** A copy never lands on an original (an output folder inside the photos' own folder). */
function refuseOriginals(sources: string[], targets: string[]): void {
  const originals = new Set(sources.map((path) => resolve(path)))
  const clash = targets.find((target) => originals.has(resolve(target)))
  if (clash)
    throw new Error(
      `The copy of ${clash} would replace the original: choose an output folder outside the photos' folder.`
    )
}

/** One copy: written beside its target, checked, then renamed into place; or why not. */
async function copyWithText(
  photo: PhotoText & { path: string },
  target: string,
  writer: MetadataWriter
): Promise<PhotosExport['skipped'][number]['reason'] | null> {
  const original = await readFile(photo.path).catch(() => null)
  if (!original) return 'unreadable'
  const before = imageDataHash(original)
  if (!before) return 'format'
  await mkdir(dirname(target), { recursive: true })
  const partial = `${target}.partial-${process.pid}${extensionOf(target)}`
  try {
    await copyFile(photo.path, partial)
    await writer.write(partial, photo)
    if (imageDataHash(await readFile(partial)) !== before) return 'changedPixels'
    await rename(partial, target)
    return null
  } catch {
    return 'writeFailed'
  } finally {
    await rm(partial, { force: true })
  }
}

/** ExifTool picks the format by extension: the partial copy keeps the photo's. */
function extensionOf(path: string): string {
  return /\.[^./\\]+$/.exec(path)?.[0] ?? ''
}
