import { open, readFile, type FileHandle } from 'node:fs/promises'
import type { JournalEvent } from './journal-events'
import { repairTail, type TailRepair } from './journal-repair'

/** The journal could not be written: the job must stop (answers would be paid and not kept). */
export class JournalError extends Error {
  constructor(
    message: string,
    readonly detail: string
  ) {
    super(message)
    this.name = 'JournalError'
  }
}

/**
 * An append-only JSONL journal. `append` resolves once its lines are on disk (fdatasync), and
 * appends that arrive while a write is running share the next write and sync (group commit).
 */
export class Journal {
  private pending: { lines: string; resolve: () => void; reject: (e: Error) => void }[] = []
  private writing = false

  private constructor(
    private readonly file: FileHandle,
    private readonly path: string,
    /** A torn last line found (and cut) when the journal was opened. */
    readonly repaired: TailRepair
  ) {}

  /** Opens for appending, first cutting a torn last line so nothing is glued onto it. */
  static async open(path: string): Promise<Journal> {
    try {
      const repaired = await repairTail(path)
      return new Journal(await open(path, 'a'), path, repaired)
    } catch (error) {
      throw journalError(path, error)
    }
  }

  append(...events: JournalEvent[]): Promise<void> {
    const lines = events.map((event) => `${JSON.stringify(event)}\n`).join('')
    return new Promise((resolve, reject) => {
      this.pending.push({ lines, resolve, reject })
      void this.flush()
    })
  }

  async close(): Promise<void> {
    while (this.writing || this.pending.length > 0)
      await new Promise((resolve) => setImmediate(resolve))
    await this.file.close()
  }

  private async flush(): Promise<void> {
    if (this.writing || this.pending.length === 0) return
    this.writing = true
    const batch = this.pending
    this.pending = []
    try {
      await this.file.appendFile(batch.map((p) => p.lines).join(''))
      await this.file.datasync()
      batch.forEach((p) => p.resolve())
    } catch (error) {
      const failure = journalError(this.path, error)
      batch.forEach((p) => p.reject(failure))
    } finally {
      this.writing = false
      void this.flush()
    }
  }
}

/** Reads a journal back; a torn last line (a crash mid-write) is ignored, never fatal. */
export async function readJournal(
  path: string
): Promise<{ events: JournalEvent[]; tornTail: boolean }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], tornTail: false }
    throw journalError(path, error)
  }
  const lines = text.split('\n')
  const events: JournalEvent[] = []
  let tornTail = false
  lines.forEach((line, index) => {
    if (line.trim() === '') return
    const event = parseLine(line)
    if (event) events.push(event)
    else if (index >= lines.length - 2) tornTail = true
    else throw new JournalError(`The job's journal is damaged at line ${index + 1}.`, path)
  })
  return { events, tornTail }
}

/**
 * One line as an event. A line that is a torn fragment with a whole event glued after it (what
 * versions before the tail repair wrote after a crash) gives back that whole event.
 */
function parseLine(line: string): JournalEvent | null {
  try {
    return JSON.parse(line) as JournalEvent
  } catch {
    const glued = line.lastIndexOf('{"e":"')
    if (glued <= 0) return null
    try {
      return JSON.parse(line.slice(glued)) as JournalEvent
    } catch {
      return null
    }
  }
}

/** A write to the data folder that failed, in words: the disk is full, the folder read-only… */
export function journalError(path: string, error: unknown): JournalError {
  const code = (error as NodeJS.ErrnoException).code
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EROFS: 'the folder is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EDQUOT: 'the disk quota is used up'
  }
  return new JournalError(
    `Photoscribe can't save the job's progress (${why[code ?? ''] ?? code ?? 'write error'}). Free some space or choose another data folder, then resume — nothing answered so far is lost.`,
    `${path}: ${String(error)}`
  )
}
