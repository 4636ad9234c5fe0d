/// <reference lib="dom" />
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
