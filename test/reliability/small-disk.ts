import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A data folder on its own small tmpfs, so a test can fill it or make it read-only mid-job. */
export interface SmallDisk {
  /**
   * Makes it read-only: a read-only bind mount over it, so every file opened, created or renamed
   * from now on fails with EROFS. (A plain remount is refused while the journal is open; files
   * already open, the journal among them, keep writing. The journal's own EROFS and ENOSPC are
   * tested in test/core/jobs/journal.test.ts.)
   */
  readOnly(): void
  /** Fills it: every write that needs a block fails with ENOSPC. */
  fill(): void
  /** Writable again, with its space back. */
  heal(): void
  unmount(): void
}

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, as in CI's container). */
export const canMountDisks = ((): boolean => {
  if (process.getuid?.() !== 0) return false
  const probe = join(process.env.TMPDIR ?? '/tmp', `photoscribe-mount-probe-${process.pid}`)
  try {
    mkdirSync(probe, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe])
    return true
  } catch {
    return false
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
})()

/** Mounts a `megabytes` tmpfs on `dir` (created if missing). */
export function mountSmallDisk(dir: string, megabytes = 64): SmallDisk {
  mkdirSync(dir, { recursive: true })
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir])
  const filler = join(dir, '.filler')
  let bound = false
  return {
    readOnly: () => {
      execFileSync('mount', ['--bind', dir, dir])
      execFileSync('mount', ['-o', 'remount,bind,ro', dir])
      bound = true
    },
    fill: () => {
      const { bavail, bsize } = statfsSync(dir)
      try {
        writeFileSync(filler, Buffer.alloc(Number(bavail) * Number(bsize)))
      } catch {
        // ENOSPC on the last block: full is what we wanted.
      }
    },
    heal: () => {
      if (bound) execFileSync('umount', [dir])
      bound = false
      rmSync(filler, { force: true })
    },
    unmount: () => {
      if (bound) execFileSync('umount', ['-l', dir])
      execFileSync('umount', ['-l', dir])
    }
  }
}
