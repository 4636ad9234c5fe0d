/** A product's URL handle: letters, digits and dashes (Shopify's rule), from its title, else SKU. */
export function handleOf(title: string, sku: string): string {
  const slug = (text: string): string =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '')
  return slug(title) || slug(sku) || 'product'
}

/** Products whose handles collided: the handle they shared and the SKUs that got a suffix. */
export interface HandleCollision {
  handle: string
  skus: string[]
}

/**
 * One handle per product, unique in the file: a second product with the same handle gets `-2`, a
 * third `-3`, and the collision is reported (a shop would otherwise merge them into one).
 */
export function uniqueHandles(products: readonly { title: string; sku: string }[]): {
  handles: string[]
  collisions: HandleCollision[]
} {
  const taken = new Set<string>()
  const collided = new Map<string, string[]>()
  const handles = products.map(({ title, sku }) => {
    const wanted = handleOf(title, sku)
    let handle = wanted
    for (let n = 2; taken.has(handle); n++) handle = `${wanted}-${n}`
    taken.add(handle)
    if (handle !== wanted) collided.set(wanted, [...(collided.get(wanted) ?? []), sku])
    return handle
  })
  return { handles, collisions: [...collided].map(([handle, skus]) => ({ handle, skus })) }
}
