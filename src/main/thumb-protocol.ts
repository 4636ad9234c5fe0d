import sharp from 'sharp'

/** Thumbnails are served as `thumb://t/<viewId>/<rowId>`: ids of open queues, never a path. */
export const THUMB_SCHEME = 'thumb'
export const THUMB_BASE = `${THUMB_SCHEME}://t/`
export const THUMB_SCHEME_PRIVILEGES = {
  scheme: THUMB_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true }
} as const

/** Shown at 48 px: 96 px covers a 2× display; larger only costs decoding while scrolling. */
/** The review desk's photo: the longest side, in pixels. */
const LARGE = 1600
const SIZE = 96
const CACHE_ENTRIES = 3000
const ID = /^[\w-]{1,80}$/
/** What a photo that cannot be read shows instead: a plain tile with a broken-image mark. */
const UNREADABLE =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" fill="#e5e7eb"/><path d="M6 17l4-5 3 3 2-2 3 4z" fill="#9ca3af"/><path d="M5 5l14 14" stroke="#dc2626" stroke-width="1.5"/></svg>'

/**
 * The `protocol.handle` answer for thumbnails (the e2e harness serves the same function): the
 * two last path segments name an open queue and a row; `pathOf` says which file that is, or
 * nothing. Made small from the file itself (upright, no metadata), kept in a bounded cache.
 */
export function thumbnailResponder(
  pathOf: (viewId: string, rowId: string) => string | undefined
): (request: Request) => Promise<Response> {
  const cache = new Map<string, Promise<Buffer | null>>()
  return async (request) => {
    const segments = new URL(request.url).pathname.split('/').filter(Boolean)
    const [viewId, rowId] = segments.slice(-2)
    if (!viewId || !rowId || !ID.test(viewId) || !ID.test(rowId)) return notFound()
    const path = pathOf(viewId, rowId)
    if (!path) return notFound()
    // `…/large/<view>/<row>`: the review desk's photo, big enough to judge (and zoom into).
    const large = segments.at(-3) === 'large'
    const key = `${large ? 'L' : 'S'}${viewId}/${rowId}\0${path}`
    let made = cache.get(key)
    if (!made) {
      made = makeThumbnail(path, large)
      cache.set(key, made)
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!)
    }
    const body = await made
    return new Response(body ? new Uint8Array(body) : UNREADABLE, {
      headers: {
        'content-type': body ? 'image/jpeg' : 'image/svg+xml',
        'cache-control': 'max-age=3600',
        'x-content-type-options': 'nosniff'
      }
    })
  }
}

async function makeThumbnail(path: string, large: boolean): Promise<Buffer | null> {
  try {
    const image = sharp(path, { limitInputPixels: 100_000_000, failOn: 'none', pages: 1 }).rotate()
    const sized = large
      ? image.resize(LARGE, LARGE, { fit: 'inside', withoutEnlargement: true })
      : image.resize(SIZE, SIZE, { fit: 'cover', withoutEnlargement: true })
    return await sized
      .jpeg({ quality: 70, mozjpeg: false })
      .toBuffer()
  } catch {
    return null
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404 })
}
