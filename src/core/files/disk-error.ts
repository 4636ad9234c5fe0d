/** Filesystem failures that no retry fixes: a person must free space or pick another folder. */
const DISK_CODES = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EACCES', 'EPERM', 'EIO'])
const NETWORK_CALLS = new Set(['connect', 'getaddrinfo', 'bind', 'listen'])

/** The error, when it is a write to the disk that failed (not a network one with the same code). */
export function diskErrorOf(error: unknown): NodeJS.ErrnoException | null {
  const e = error as NodeJS.ErrnoException | null
  if (!e || typeof e.code !== 'string' || !DISK_CODES.has(e.code)) return null
  return NETWORK_CALLS.has(e.syscall ?? '') ? null : e
}
