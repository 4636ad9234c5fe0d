/// <reference lib="dom" />
import { writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

/** Starts recording long tasks (over 50 ms) in the page. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tasks: number[] = []
    Object.assign(globalThis, { __longTasks: tasks })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration)
    }).observe({ type: 'longtask', buffered: false })
  })
}

/** The long tasks recorded since `watchLongTasks`, and clears them. */
export function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const tasks = (globalThis as unknown as { __longTasks: number[] }).__longTasks
    return tasks.splice(0, tasks.length)
  })
}

/** Scrolls the queue from top to bottom a step per frame; returns the longest frame (ms) and the frames. */
export function scrollTopToBottom(
  page: Page,
  stepPx = 600
): Promise<{ maxFrameMs: number; frames: number; slow: number[] }> {
  return page.evaluate(
    (step) =>
      new Promise((resolve) => {
        const list = document.querySelector('[data-testid="queue-list"]')!
        list.scrollTop = 0
        let last = performance.now()
        let maxFrameMs = 0
        let frames = 0
        const slow: number[] = []
        const tick = (now: number): void => {
          if (frames > 0) maxFrameMs = Math.max(maxFrameMs, now - last)
          if (frames > 0 && now - last > 50) slow.push(now - last)
          last = now
          frames++
          if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1)
            return resolve({ maxFrameMs, frames, slow })
          list.scrollTop += step
          requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
    stepPx
  )
}

/** Milliseconds (Date.now) when the page first shows `text` in the element, polled each frame. */
export function whenText(
  page: Page,
  selector: string,
  pattern: string,
  timeoutMs: number
): Promise<number> {
  return page.evaluate(
    ([sel, source, timeout]) =>
      new Promise<number>((resolve, reject) => {
        const re = new RegExp(source as string)
        const started = Date.now()
        const check = (): void => {
          const text = document.querySelector(sel as string)?.textContent ?? ''
          if (re.test(text)) return resolve(Date.now())
          if (Date.now() - started > (timeout as number))
            return reject(new Error(`no ${source} in ${sel}: "${text}"`))
          requestAnimationFrame(check)
        }
        check()
      }),
    [selector, pattern, timeoutMs] as const
  )
}

/** Adds the folder the way a drop does (the preload hands main the folder's path) and times what the window shows. */
export async function dropFolder(
  page: Page,
  dir: string,
  count: number
): Promise<{ walkMs: number; rowsAfterWalkMs: number; estimateMs: number }> {
  return page.evaluate(
    ([folder, count]) =>
      new Promise((resolve) => {
        const api = (
          globalThis as unknown as { api: { queue: { add(i: object): Promise<unknown> } } }
        ).api
        const t0 = Date.now()
        let walkEnd = 0
        let rowsAt = 0
        let estimateAt = 0
        void api.queue.add({ paths: [folder] }).then(() => (walkEnd = Date.now()))
        const wanted = `${new Intl.NumberFormat().format(count as number)} photos`
        const check = (): void => {
          const counts = document.querySelector('[data-testid="queue-counts"]')?.textContent ?? ''
          if (!rowsAt && counts.startsWith(wanted)) rowsAt = Date.now()
          if (!estimateAt && document.querySelector('[data-testid="estimate-now"]'))
            estimateAt = Date.now()
          if (walkEnd && rowsAt && estimateAt)
            return resolve({
              walkMs: walkEnd - t0,
              rowsAfterWalkMs: Math.max(0, rowsAt - walkEnd),
              estimateMs: estimateAt - t0
            })
          requestAnimationFrame(check)
        }
        check()
      }),
    [dir, count] as const
  )
}

/** The observer must see a long task when there is one, or its "none" proves nothing. */
export async function longTaskProbeWorks(page: Page): Promise<boolean> {
  await watchLongTasks(page)
  // A task of the page's own (a timer), as the renderer's work is; 120 ms of it.
  await page.evaluate(() => {
    setTimeout(() => {
      const end = performance.now() + 120
      while (performance.now() < end);
    }, 0)
  })
  await page.waitForTimeout(300)
  return (await takeLongTasks(page)).some((duration) => duration >= 100)
}

/** The renderer's JS heap after a full garbage collection, in MB. */
export async function rendererHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  return usedSize / 1024 ** 2
}

/**
 * `work`, and with BENCH_PROFILE=<file> set, a CPU profile of the renderer over it written to
 * that file (DevTools opens it): what the long tasks were made of.
 */
export async function profiled<T>(page: Page, work: () => Promise<T>): Promise<T> {
  const path = process.env.BENCH_PROFILE
  if (!path) return work()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const result = await work()
  const { profile } = await cdp.send('Profiler.stop')
  writeFileSync(path, JSON.stringify(profile))
  return result
}
