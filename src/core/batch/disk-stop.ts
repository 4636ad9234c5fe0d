import { diskErrorOf } from '../files/disk-error'
import { journalError } from '../jobs/journal'
import type { JobOutcome } from '../scheduler/types'

/**
 * The stop for a batch file or result the disk refused (full, read-only), in the words a journal
 * write failure uses; null when the error is not a disk's.
 */
export function diskStop(error: unknown): JobOutcome | null {
  const disk = diskErrorOf(error)
  if (!disk) return null
  return {
    status: 'stopped',
    kind: 'journal',
    reason: journalError(disk.path ?? 'a batch file', disk).message
  }
}
