/// <reference lib="dom" />
import type { Browser, CDPSession } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import { openWindow } from './helpers/window-harness'
import { countsShow } from './helpers/window-steps'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

interface TraceEvent {
  name: string
  args?: {
    beginData?: { stackTrace?: { functionName: string; url: string; lineNumber: number }[] }
  }
}

/** Records the page's timeline (with the script stack of any layout a script forced) over `work`. */
async function traced(cdp: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done))
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline.stack',
    transferMode: 'ReportEvents'
  } as never)
  await work()
  await cdp.send('Tracing.end')
  await complete
  return events
}

/** Layouts the app's own script asked for mid-task (the page's frames lay out without a stack). */
function forcedByApp(events: TraceEvent[]): string[] {
  return events
    .filter((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree')
    .map((e) => e.args?.beginData?.stackTrace ?? [])
    .filter((stack) => stack.some((frame) => frame.url.includes('/assets/')))
    .map((stack) =>
      stack.map((f) => `${f.functionName || '(anonymous)'}:${f.lineNumber}`).join(' < ')
    )
}

describe('the first rows of a dropped folder', () => {
  it('render without the script laying out the page mid-task, and fill the list’s view once laid out', async () => {
    const harness = await openWindow(browser)
    try {
      const { page } = harness
      const photos = await photoFolder(40)
      const cdp = await page.context().newCDPSession(page)
      const events = await traced(cdp, async () => {
        await harness.dropFiles(photos.paths)
        await countsShow(page, /^40 photos/)
        await page.waitForSelector('[data-testid="estimate-now"]')
        await page.evaluate(
          () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100)))
        )
      })
      // Reading a size or scroll position as the list mounts made the task that renders the first
      // rows lay out the page too: one task of both, 50–80 ms for a 100,000-photo folder.
      expect(forcedByApp(events)).toEqual([])
      // The view is measured once laid out: rows cover it to its bottom, and a few more wait below.
      const fill = await page.evaluate(() => {
        const list = document.querySelector<HTMLElement>('[data-testid="queue-list"]')!
        const bottoms = [...list.querySelectorAll<HTMLElement>('[data-row-id]')].map(
          (row) => row.getBoundingClientRect().bottom - list.getBoundingClientRect().top
        )
        return { view: list.clientHeight, lowest: Math.max(...bottoms), rows: bottoms.length }
      })
      expect(fill.lowest).toBeGreaterThanOrEqual(fill.view)
      expect(fill.rows).toBeLessThan(40)
      expect(harness.problems).toEqual([])
    } finally {
      await harness.close()
    }
  })
})
