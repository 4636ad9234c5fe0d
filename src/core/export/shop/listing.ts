import { groupPhotos } from '@shared/domain/product-groups'
import { ROLES, type Role } from '@shared/domain/listing-roles'

export { fieldFor, type Role } from '@shared/domain/listing-roles'
import type { JobItem } from '../../jobs/job-state'
import type { JobSettings } from '../../jobs/job-store'
import { imageUrlOf, relativePath } from './image-url'

export type { GroupBy }

import type { GroupBy } from '@shared/domain/export-choice'

/** One photo of a listing: where the shop fetches it (empty without a base URL) and its alt text. */
export interface ListingPhoto {
  path: string
  url: string
  alt: string
}

/** One product's listing, in one language: the copy of its lead photo, every photo's alt text. */
export interface Listing {
  /** The group's key: its SKU, its folder, or the photo's name. */
  sku: string
  title: string
  description: string
  seoTitle: string
  seoDescription: string
  tags: string[]
  photos: ListingPhoto[]
}

/**
 * Images the photo studio made and a person approved: by photo file, the image's file, below the
 * studio's output folder `root` (uploaded beside the photos, its paths mirror theirs).
 */
export interface StudioImages {
  root: string
  byPhoto: ReadonlyMap<string, string>
}

export interface ListingChoice {
  groupBy: GroupBy
  approvedOnly: boolean
  imageUrlBase?: string
  studioImages?: StudioImages
  /** The language's field suffix (`_es`); '' for a job's first (or only) language. */
  suffix: string
}

/**
 * The job's answers as shop listings: photos grouped into products, each product's copy from its
 * lead photo (a "front" photo, else the first by name), each photo with its own alt text. Only
 * answered photos (approved ones with `approvedOnly`) are listed.
 */
export function listingsOf(
  items: Iterable<JobItem>,
  settings: JobSettings,
  choice: ListingChoice
): Listing[] {
  return productGroups(items, settings, choice).map(({ sku, photos }) => {
    const lead = photos[0].item.result!.fields ?? {}
    const read = (role: Role, fields: Record<string, unknown>): unknown =>
      firstOf(fields, ROLES[role], choice.suffix)
    return {
      sku,
      title: partText(read('title', lead)),
      description: partText(read('description', lead)),
      seoTitle: partText(read('seoTitle', lead)),
      seoDescription: partText(read('seoDescription', lead)),
      tags: partList(read('tags', lead)),
      photos: photos.map(({ item, path }) => ({
        path,
        url: imageUrlOf(choice.imageUrlBase, shownRelative(path, settings, choice.studioImages)),
        alt: partText(read('alt', item.result!.fields ?? {}))
      }))
    }
  })
}

/** Where a shop finds a photo below the base URL: its approved studio image's path, else its own. */
function shownRelative(path: string, settings: JobSettings, studio?: StudioImages): string {
  const image = studio?.byPhoto.get(path)
  return image ? relativePath(image, [studio!.root]) : relativePath(path, settings.inputs)
}

/** A product's answered photos, the lead photo first. */
export interface ProductGroup {
  sku: string
  photos: { item: JobItem; path: string }[]
}

/**
 * The job's answered photos grouped into products (approved ones with `approvedOnly`; rejected
 * ones never), each group's photos ordered lead first.
 */
export function productGroups(
  items: Iterable<JobItem>,
  settings: JobSettings,
  choice: Pick<ListingChoice, 'groupBy' | 'approvedOnly'>
): ProductGroup[] {
  const photos: ProductGroup['photos'] = []
  for (const item of items) {
    if (item.status !== 'done' || !item.result) continue
    if (choice.approvedOnly && item.verdict !== 'approved') continue
    if (!choice.approvedOnly && item.verdict === 'rejected') continue
    for (const path of item.paths) photos.push({ item, path })
  }
  return groupPhotos(photos, (photo) => photo.path, choice.groupBy, settings.skuPattern).map(
    (group) => ({ sku: group.key, photos: group.photos })
  )
}

function firstOf(fields: Record<string, unknown>, names: readonly string[], suffix: string) {
  for (const name of names) {
    const value = fields[`${name}${suffix}`]
    if (value !== undefined && value !== null && value !== '') return value
  }
  return undefined
}

/** A field's value as one text (a list joined with commas), as a shop file writes it. */
export function partText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return Array.isArray(value) ? value.map(String).join(', ') : String(value)
}

/** A field's value as a list of texts (tags), as a shop file writes it. */
export function partList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean)
  return partText(value)
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
}
