import { resolve } from 'node:path'
import type { GroupBy } from '@shared/domain/export-choice'
import { groupPhotos } from '@shared/domain/product-groups'
import { listFiles } from '../ingest/ingest'
import { relativePath } from '../export/shop/image-url'
import type { StudioPhoto } from './studio-photo'

/** A photo's mask beside it: `red-mug.jpg` → `red-mug.mask.png`. */
const MASK = /\.mask\.png$/i
const maskOf = (path: string): string => path.replace(/\.[^./\\]+$/, '.mask.png')

/**
 * The photos under `inputs`, each with its path below the folder it was chosen in, and its mask
 * when one lies beside it (a mask is never a photo of its own).
 */
export async function studioPhotos(inputs: readonly string[]): Promise<StudioPhoto[]> {
  const roots = inputs.map((input) => resolve(input))
  const { files } = await listFiles(roots)
  const masks = new Set(files.filter((path) => MASK.test(path)))
  return files
    .filter((path) => !masks.has(path))
    .map((path) => {
      const mask = masks.has(maskOf(path)) ? { mask: maskOf(path) } : {}
      return { path, relative: relativePath(path, roots), ...mask }
    })
}

/**
 * One studio photo per product (by SKU in the name, or by folder): its lead photo ("front",
 * else the first by name) carries the others, sent together as references for one image.
 */
export function studioProducts(
  photos: readonly StudioPhoto[],
  by: Exclude<GroupBy, 'none'>,
  skuPattern?: string
): StudioPhoto[] {
  return groupPhotos(photos, (photo) => photo.path, by, skuPattern).map(({ photos: group }) => {
    const [lead, ...rest] = group
    return rest.length === 0 ? lead : { ...lead, also: rest.map((photo) => photo.path) }
  })
}
