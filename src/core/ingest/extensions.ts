/** Photo files Photoscribe prepares (what sharp reads in this build). */
export const SUPPORTED_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.jpe',
  '.png',
  '.webp',
  '.gif',
  '.avif',
  '.tif',
  '.tiff'
])

/** Image files people drop that this build cannot read: they become failed items with a reason. */
export const KNOWN_UNSUPPORTED = new Set([
  '.heic',
  '.heif',
  '.bmp',
  '.svg',
  '.psd',
  '.raw',
  '.cr2',
  '.nef',
  '.arw',
  '.dng'
])

const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', '.ds_store', 'icon\r'])

/** Hidden and system files are skipped silently (they are never photos the user meant). */
export function isHiddenOrSystem(name: string): boolean {
  return name.startsWith('.') || SYSTEM_FILES.has(name.toLowerCase()) || name.startsWith('~$')
}
