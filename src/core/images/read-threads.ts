import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { READ_WORKER_SOURCE } from './read-worker'

/** One entry of a folder as `lstat` saw it, or the code of the error it gave. */
export type FolderEntry =
  | { name: string; kind: 'link' | 'folder' | 'file' | 'other'; bytes: number }
  | { name: string; error: string }

/** A file's read facts and the byte pieces asked for, or the code of the error it gave. */
export type ReadFile<Facts> = (Facts & { pieces: Buffer[] }) | { error: string }

type Message =
  | { op: 'list'; folder: string }
  | { op: 'heads'; paths: readonly string[]; head: number; tail: number }
  | { op: 'hash'; paths: readonly string[] }

/** A call reads at most this many files, so that answers come often and stay small. */
export const BATCH_FILES = 256

/** `items` cut into calls' worth. */
export function batchesOf<T>(items: readonly T[]): T[][] {
  const batches: T[][] = []
  for (let at = 0; at < items.length; at += BATCH_FILES)
    batches.push(items.slice(at, at + BATCH_FILES))
  return batches
}

/** An error with the code a thread reported (ENOENT, EACCES…), as `fs` would have thrown it. */
export function codedError(code: string): Error {
  return Object.assign(new Error(code), { code })
}

/** A thread unused this long ends (a new one starts when needed). */
const IDLE_MS = 5000

/**
 * A few threads that read files synchronously (see `READ_WORKER_SOURCE` for why), one per core
 * and at most four, shared by the process. A call is answered by the first free thread; a thread that dies
 * rejects its call, and the caller reads that part on the thread pool instead.
 */
export class ReadThreads {
  private readonly idle: Worker[] = []
  private readonly waiting: { message: Message; answered: (a: Promise<Answer>) => void }[] = []
  private started = 0
  private nextId = 1
  private idleTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly threads = Math.min(4, availableParallelism())) {}

  /** A folder's entries, sorted by name, or the code of the error reading it gave. */
  async list(folder: string): Promise<ListAnswer> {
    return (await this.ask({ op: 'list', folder })) as ListAnswer
  }

  /** Each file's size, the header its size and ending need (within its first `head` bytes), and its last `tail` bytes. */
  heads(
    paths: readonly string[],
    head: number,
    tail: number
  ): Promise<ReadFile<{ bytes: number }>[]> {
    return this.files({ op: 'heads', paths, head, tail })
  }

  /** Each file's SHA-256 and size, and the header its size needs. */
  hash(paths: readonly string[]): Promise<ReadFile<{ bytes: number; sha256: string }>[]> {
    return this.files({ op: 'hash', paths })
  }

  /** Ends every idle thread. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    const ending = this.idle.splice(0)
    this.started -= ending.length
    await Promise.all(ending.map((worker) => worker.terminate()))
  }

  private async files<Facts>(message: Message): Promise<ReadFile<Facts>[]> {
    const { files, data } = (await this.ask(message)) as FilesAnswer<Facts>
    const packed = Buffer.from(data)
    let at = 0
    return files.map(({ lengths, ...facts }) => {
      if ('error' in facts) return facts as { error: string }
      const pieces = lengths.map((length) => packed.subarray(at, (at += length)))
      return { ...(facts as Facts), pieces }
    })
  }

  private ask(message: Message): Promise<Answer> {
    return new Promise<Answer>((answered) => {
      // A folder walk waits on its listing; reads of what it found can wait behind it.
      if (message.op === 'list') this.waiting.unshift({ message, answered })
      else this.waiting.push({ message, answered })
      this.dispatch()
    })
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? this.start()
      if (!worker) return
      const { message, answered } = this.waiting.shift()!
      const answer = this.send(worker, message)
      answered(answer)
      void answer.then(
        () => this.release(worker),
        () => this.discard(worker)
      )
    }
  }

  private start(): Worker | null {
    if (this.started >= this.threads) return null
    this.started++
    return new Worker(READ_WORKER_SOURCE, { eval: true })
  }

  private send(worker: Worker, message: Message): Promise<Answer> {
    const id = this.nextId++
    worker.ref()
    return new Promise((resolve, reject) => {
      const failed = (error: unknown): void => reject(error ?? new Error('the thread ended'))
      const answered = ({ id: answerId, ...answer }: Answer & { id: number }): void => {
        if (answerId !== id) return
        worker.off('message', answered).off('error', failed).off('exit', failed)
        resolve(answer as Answer)
      }
      worker.on('message', answered).once('error', failed).once('exit', failed)
      worker.postMessage({ ...message, id })
    })
  }

  private release(worker: Worker): void {
    worker.unref()
    this.idle.push(worker)
    this.endIdleLater()
    this.dispatch()
  }

  private discard(worker: Worker): void {
    this.started--
    void worker.terminate()
    this.dispatch()
  }

  private endIdleLater(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => void this.close(), IDLE_MS)
    this.idleTimer.unref()
  }
}

type ListAnswer = { entries: FolderEntry[] } | { error: string }
type Answer = ListAnswer | FilesAnswer<unknown>

interface FilesAnswer<Facts> {
  files: ((Facts & { lengths: number[] }) | { error: string; lengths: number[] })[]
  data: ArrayBuffer
}

let shared: ReadThreads | null = null

/** The process's read threads (started on first use, ended when idle). */
export function readThreads(): ReadThreads {
  return (shared ??= new ReadThreads())
}
