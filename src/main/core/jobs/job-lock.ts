import { readFile, rm, stat, writeFile } from 'node:fs/promises'
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
  // Rewritten whole (temp file + rename), so a reader never sees a half-written lock.
  const timer = setInterval(() => {
    void writeFileAtomic(path, JSON.stringify({ ...mine, beatAt: now() })).catch(() => undefined)
  }, BEAT_MS)
  timer.unref()
  return {
    release: async () => {
      clearInterval(timer)
      await rm(path, { force: true })
    }
  }
}

async function take(path: string, mine: LockInfo, now: () => number): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, JSON.stringify(mine), { flag: 'wx' })
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readLock(path, now())
    if (!isStale(holder, now())) throw new JobLockedError(holder)
    await rm(path, { force: true })
  }
  throw new Error(`Could not take the job lock ${path}.`)
}

/** The lock's holder. A lock that cannot be read counts as held since its file's time. */
async function readLock(path: string, now: number): Promise<LockInfo> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockInfo
  } catch {
    const since = await stat(path).then(
      (s) => s.mtimeMs,
      () => 0
    )
    return {
      pid: 0,
      host: 'unknown',
      startedAt: new Date(since || now).toISOString(),
      beatAt: since
    }
  }
}

function isStale(holder: LockInfo, now: number): boolean {
  if (now - holder.beatAt > STALE_MS) return true
  return holder.host === hostname() && !processAlive(holder.pid)
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
