/**
 * Where a shop fetches a photo: the base URL the user gave (a CDN, the shop's files) and the
 * photo's path below the folder it was added from, each part URL-encoded ("red mug.jpg" →
 * `red%20mug.jpg`). Empty without a base: the export then says which column stays empty and why.
 */
export function imageUrlOf(base: string | undefined, relative: string): string {
  if (!base) return ''
  const root = base.endsWith('/') ? base : `${base}/`
  return root + relative.split('/').map(encodeURIComponent).join('/')
}

/**
 * A photo's path below the input it was found in (a dropped folder), with `/` separators; a file
 * added on its own is its name.
 */
export function relativePath(path: string, inputs: readonly string[]): string {
  const slashed = path.replace(/\\/g, '/')
  for (const input of inputs) {
    const root = input.replace(/\\/g, '/').replace(/\/+$/, '')
    if (root && slashed.startsWith(`${root}/`)) return slashed.slice(root.length + 1)
  }
  return slashed.split('/').at(-1) ?? slashed
}
