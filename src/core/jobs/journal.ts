import { open, type FileHandle } from 'node:fs/promises'
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
  const events: JournalEvent[] = []
  const { tornTail } = await eachJournalEvent(path, (event) => events.push(event))
  return { events, tornTail }
}

/** Journal bytes read at a time: a large job's journal is never held whole in memory. */
const READ_CHUNK = 1024 * 1024

/**
 * Streams a journal's events to `onEvent` in order, a chunk at a time (a 100,000-photo journal is
 * never one string). A torn last line is skipped and reported; a bad line before it is damage.
 */
export async function eachJournalEvent(
  path: string,
  onEvent: (event: JournalEvent) => void
): Promise<{ tornTail: boolean }> {
  let bad: number | null = null
  try {
    for await (const { lines, first } of readLines(path)) {
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]
        if (line.trim() === '') continue
        if (bad !== null) throw damaged(path, bad)
        const event = parseLine(line)
        if (event) onEvent(event)
        else bad = first + i
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tornTail: false }
    if (error instanceof JournalError) throw error
    throw journalError(path, error)
  }
  return { tornTail: bad !== null }
}

function damaged(path: string, index: number): JournalError {
  return new JournalError(`The job's journal is damaged at line ${index + 1}.`, path)
}

/**
 * A file's lines, a chunk's worth at a time (with the index of the first), not one promise per
 * line; the last line is given even without a line break.
 */
async function* readLines(path: string): AsyncGenerator<{ lines: string[]; first: number }> {
  const file = await open(path, 'r')
  try {
    // A device (a journal linked to /dev/full) has no end: only a file is read as a journal.
    if (!(await file.stat()).isFile())
      throw new JournalError(`The job's journal is not a file.`, path)
    const decoder = new TextDecoder('utf-8')
    const buffer = Buffer.alloc(READ_CHUNK)
    let rest = ''
    let index = 0
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_CHUNK, null)
      if (bytesRead === 0) break
      const text = rest + decoder.decode(buffer.subarray(0, bytesRead), { stream: true })
      const lines = text.split('\n')
      rest = lines.pop() ?? ''
      yield { lines, first: index }
      index += lines.length
    }
    rest += decoder.decode()
    if (rest !== '') yield { lines: [rest], first: index }
  } finally {
    await file.close()
  }
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
