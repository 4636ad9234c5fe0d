import { randomBytes } from 'node:crypto'
import { link, readFile, rm, writeFile } from 'node:fs/promises'
import { writeFileAtomic } from '../files/atomic-file'
import { hostname } from 'node:os'
import { join } from 'node:path'

/** Who holds a job: written to `<job>/lock.json` while a run (CLI or window) works on it. */
interface LockInfo {
  pid: number
  host: string
  startedAt: string
  /** Refreshed while the holder runs; a lock not refreshed for `STALE_MS` is left over. */
  beatAt: number
}

const BEAT_MS = 30_000
const STALE_MS = 4 * BEAT_MS

/** The locks this process holds now: one of ours not in here was left by an earlier run. */
const heldHere = new Set<string>()

/** Another runner holds the job: the message says who and what to do. */
export class JobLockedError extends Error {
  constructor(readonly holder: LockInfo) {
    const since = new Date(holder.startedAt).toLocaleTimeString('en-GB')
    super(
      `This job is already running (process ${holder.pid} on ${holder.host}, since ${since}). Let it finish or stop it there — two runs of one job would pay for every photo twice.`
    )
    this.name = 'JobLockedError'
  }
}

/** A held job lock: `release()` when the run ends. */
export interface JobLock {
  release(): Promise<void>
}

/**
 * Takes the job's lock, or throws `JobLockedError` when a live runner holds it. A lock is
 * left over (and taken over) when its process on this host is gone, or it has not been
 * refreshed for two minutes (a crashed runner elsewhere, a machine that slept for good).
 */
export async function lockJob(jobDir: string, now: () => number = Date.now): Promise<JobLock> {
  const path = join(jobDir, 'lock.json')
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(now()).toISOString(),
    beatAt: now()
  }
  await take(path, mine, now)
  heldHere.add(path)
  // Rewritten whole (temp file + rename), so a reader never sees a half-written lock.
  const timer = setInterval(() => {
    void writeFileAtomic(path, JSON.stringify({ ...mine, beatAt: now() })).catch(() => undefined)
  }, BEAT_MS)
  timer.unref()
  return {
    release: async () => {
      clearInterval(timer)
      heldHere.delete(path)
      // Best effort: a lock that cannot be removed (the folder turned read-only) is left over,
      // and the next run takes it over; the run's own outcome is what counts.
      await rm(path, { force: true }).catch(() => undefined)
    }
  }
}

async function take(path: string, mine: LockInfo, now: () => number): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createWhole(path, JSON.stringify(mine))) return
    const holder = await readLock(path)
    if (holder && !isStale(holder, now(), path)) throw new JobLockedError(holder)
    await rm(path, { force: true })
  }
  throw new Error(`Could not take the job lock ${path}.`)
}

/**
 * Creates `path` with `text` only if it does not exist, and never half-written: the text goes to
 * a temp file first, which is then hard-linked into place (atomic, and refused if taken).
 */
async function createWhole(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temp, text)
  try {
    await link(temp, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return false
  } finally {
    await rm(temp, { force: true })
  }
}

/** The lock's holder; null when it cannot be read (it is always written whole, so it is damaged). */
async function readLock(path: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockInfo
  } catch {
    return null
  }
}

function isStale(holder: LockInfo, now: number, path: string): boolean {
  if (now - holder.beatAt > STALE_MS) return true
  if (holder.host !== hostname()) return false
  if (holder.pid === process.pid) return !heldHere.has(path)
  return !processAlive(holder.pid)
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
