import { resolve } from 'node:path'
import type { GroupBy } from '@shared/domain/export-choice'
import { groupPhotos } from '@shared/domain/product-groups'
import { listFiles } from '../ingest/ingest'
import { relativePath } from '../export/shop/image-url'
import type { StudioPhoto } from './studio-run'

/** The photos under `inputs`, each with its path below the folder it was chosen in. */
export async function studioPhotos(inputs: readonly string[]): Promise<StudioPhoto[]> {
  const roots = inputs.map((input) => resolve(input))
  const { files } = await listFiles(roots)
  return files.map((path) => ({ path, relative: relativePath(path, roots) }))
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
