import { groupPhotos, nameOf, requestChunks } from '@shared/domain/product-groups'
import type { EstimateView } from '@shared/domain/queue'
import type { FieldSpec, Template } from '../templates/template'
import type { JobItem } from './job-state'
import type { JobSettings } from './job-store'

/** Photos of one product a template sends together unless it says otherwise. */
export const DEFAULT_PHOTOS_PER_REQUEST = 6

/** A field written once per photo of a product (alt text), every other field once per product. */
const PER_PHOTO_FIELD = /^alt(_|$)/

/** The photos one request carries, lead first, and the fields its answer gives once per photo. */
export interface ProductPhotos {
  /** Every photo's item id, in the order the photos are sent (the lead photo first). */
  photos: string[]
  /** Fields answered as a list with one entry per photo, in that order. */
  perPhoto: string[]
}

/**
 * How many photos of a product go in one request: the template's number for a listing (several
 * fields), one for a template of one field (its text is about one photo).
 */
export function photosPerRequest(template: Template): number {
  if (template.fields.length < 2) return 1
  return template.photosPerRequest ?? DEFAULT_PHOTOS_PER_REQUEST
}

/**
 * The job's photos to send, as requests: grouped into products by the job's `groupBy` (none:
 * every photo alone), each product ordered front-first and split at the template's limit.
 */
export function requestGroups(
  items: readonly JobItem[],
  settings: JobSettings,
  template: Template
): JobItem[][] {
  const by = settings.groupBy ?? 'none'
  if (by === 'none') return items.map((item) => [item])
  const limit = photosPerRequest(template)
  return groupPhotos(items, (item) => item.paths[0] ?? '', by, settings.skuPattern).flatMap(
    (group) => requestChunks(group.photos, limit)
  )
}

/** Products the window's preview names, largest first. */
const PREVIEW_PRODUCTS = 4

/** What grouping makes of photos (their paths): products, requests, the largest products. */
export function groupingPreview(
  paths: readonly string[],
  settings: JobSettings,
  template: Template
): EstimateView['grouping'] {
  const by = settings.groupBy ?? 'none'
  if (by === 'none') return undefined
  const perRequest = photosPerRequest(template)
  const groups = groupPhotos(paths, (path) => path, by, settings.skuPattern)
  const requests = groups.reduce((sum, g) => sum + Math.ceil(g.photos.length / perRequest), 0)
  const largest = [...groups]
    .sort((a, b) => b.photos.length - a.photos.length)
    .slice(0, PREVIEW_PRODUCTS)
    .map((group) => ({ key: group.key, photos: group.photos.length }))
  return { by, products: groups.length, requests, perRequest, largest }
}

/** The product a request of these photos answers for (none for a single photo). */
export function productPhotos(
  template: Template,
  ids: readonly string[]
): ProductPhotos | undefined {
  if (ids.length < 2) return undefined
  const perPhoto = template.fields.filter((f) => PER_PHOTO_FIELD.test(f.name)).map((f) => f.name)
  return { photos: [...ids], perPhoto }
}

/**
 * The template as asked of a product's `count` photos: each per-photo field becomes a list with one
 * entry per photo, in the order given; the other fields are the product's.
 */
export function productTemplate(template: Template, product: ProductPhotos | undefined): Template {
  if (!product || product.perPhoto.length === 0) return template
  const count = product.photos.length
  const asList = (field: FieldSpec): FieldSpec =>
    product.perPhoto.includes(field.name)
      ? {
          ...field,
          type: 'string[]',
          description: `${field.description} One for each of the ${count} photos, in the order they are given.`,
          rules: { ...field.rules, count }
        }
      : field
  return { ...template, fields: template.fields.map(asList) }
}

/** The words that tell the model how the photos are ordered, for a request of several photos. */
export function photoOrderNote(items: readonly JobItem[]): string {
  if (items.length < 2) return ''
  const names = items.map((item, i) => `${i + 1}. ${nameOf(item.paths[0] ?? '')}`)
  return `These ${items.length} photos show one product, in this order: ${names.join('; ')}. Write one listing for the product.`
}
