import { open, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes a file so a crash leaves either the old or the new content: temp, fsync, rename, fsync dir.
 * `mode` applies to a new file (0o600 for anything secret).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Buffer,
  mode = 0o666
): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  const file = await open(temp, 'w', mode)
  try {
    await file.writeFile(data)
    await file.sync()
  } finally {
    await file.close()
  }
  await rename(temp, path)
  const dir = await open(dirname(path), 'r')
  try {
    await dir.sync()
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  } finally {
    await dir.close()
  }
}

/**
 * Replaces a file so a reader sees the old content or the new, never a part, without waiting for
 * the disk: for caches, whose reader takes an empty or unreadable file (after a crash) as a miss.
 */
export async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, data)
  await rename(temp, path)
}
