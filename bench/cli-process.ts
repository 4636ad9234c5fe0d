import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { link, mkdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Readable } from 'node:stream'

export const ROOT = join(import.meta.dirname, '..')
const BUILT_CLI = join(ROOT, 'out/main/cli.js')

/** The CLI as a child process: the built one when `npm run build` has run, else through tsx. */
export function cliCommand(): { args: string[]; env: NodeJS.ProcessEnv; label: string } {
  if (existsSync(BUILT_CLI)) {
    const built = statSync(BUILT_CLI).mtime.toISOString()
    return {
      args: [BUILT_CLI],
      env: {},
      label: `out/main/cli.js (built ${built}: rebuild after changes)`
    }
  }
  return {
    args: ['--import', 'tsx', join(ROOT, 'src/cli/index.ts')],
    env: { TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
    label: 'src/cli via tsx (run `npm run build` to measure the built CLI)'
  }
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export async function memoryOf(pid: number): Promise<{ rss: number; peak: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1])
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
  } catch {
    return null
  }
}

export function parseEvent(line: string): { event: string; done?: number } | null {
  try {
    return JSON.parse(line) as { event: string; done?: number }
  } catch {
    return null
  }
}

/** A folder holding the first `count` photos (hard links: no copies). */
export async function folderOf(paths: string[], count: number, workDir: string): Promise<string> {
  const folder = join(workDir, `photos-${count}`)
  await mkdir(folder, { recursive: true })
  for (const path of paths.slice(0, count)) await link(path, join(folder, basename(path)))
  return folder
}

/** A Node child of the benches (the CLI, the window's service): stdout piped, stderr shown. */
export function spawnChild(
  args: string[],
  env: NodeJS.ProcessEnv
): { child: ChildProcessByStdio<null, Readable, null>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { child, exited }
}
