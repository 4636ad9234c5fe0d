import type { GroupBy } from './export-choice'
import { skuOf } from './sku'

/** Words in a file name that mark the photo a product leads with. */
const LEAD = /(^|[^a-z])(front|main|hero|primary)([^a-z]|$)/i

/** A path's file name. */
export const nameOf = (path: string): string => path.split(/[\\/]/).at(-1) ?? path

/**
 * Which product a photo belongs to: its SKU (the pattern's group, else its name), its folder, or
 * itself (`none`: its name without the extension). Compared without case.
 */
export function productKey(path: string, by: GroupBy, skuPattern?: string): string {
  const name = nameOf(path)
  if (by === 'sku') return skuOf(name, skuPattern)
  if (by === 'folder') return path.split(/[\\/]/).at(-2) ?? name
  return name.replace(/\.[^.]+$/, '')
}

/** Orders a product's photos front-first: a "front"/"main"/"hero" photo, then by name (numbers as numbers). */
export function leadFirst(a: string, b: string): number {
  const lead = Number(!LEAD.test(a)) - Number(!LEAD.test(b))
  const stem = (name: string): string => name.replace(/\.[^.]+$/, '')
  return lead || stem(a).localeCompare(stem(b), undefined, { numeric: true, sensitivity: 'base' })
}

/** One product's photos in the order they are sent and listed, the lead photo first. */
export interface PhotoGroup<T> {
  key: string
  photos: T[]
}

/**
 * Photos grouped into products (first seen, first listed), each group ordered front-first. `pathOf`
 * gives the path a photo is grouped and ordered by; `none` keeps every photo apart.
 */
export function groupPhotos<T>(
  photos: Iterable<T>,
  pathOf: (photo: T) => string,
  by: GroupBy,
  skuPattern?: string
): PhotoGroup<T>[] {
  const groups = new Map<string, PhotoGroup<T>>()
  for (const photo of photos) {
    const key = productKey(pathOf(photo), by, skuPattern)
    // `none`: every photo is its own product, even two of the same name in different folders.
    const slot = by === 'none' ? `${groups.size}` : key.toLowerCase()
    const group = groups.get(slot) ?? { key, photos: [] }
    group.photos.push(photo)
    groups.set(slot, group)
  }
  const list = [...groups.values()]
  for (const group of list)
    group.photos.sort((a, b) => leadFirst(nameOf(pathOf(a)), nameOf(pathOf(b))))
  return list
}

/**
 * A product's photos split into requests of at most `limit` photos, in order: the first request
 * carries the lead photo and the next ones; a product with more photos than the limit sends the
 * rest in further requests of the same product.
 */
export function requestChunks<T>(photos: readonly T[], limit: number): T[][] {
  const size = Math.max(1, Math.floor(limit))
  const chunks: T[][] = []
  for (let i = 0; i < photos.length; i += size) chunks.push(photos.slice(i, i + size))
  return chunks
}
