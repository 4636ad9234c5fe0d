/// <reference lib="dom" />
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../src/simulator/server'
import { ROOT, launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import { openWindow } from './helpers/window-harness'
import { countsShow } from './helpers/window-steps'

const SHOTS = join(ROOT, 'test-results')
let browser: Browser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

interface FlingSeen {
  shown: string
  /** The picture's box against the list's view (inside its border, left of its scroll bar). */
  picture: { left: number; top: number; width: number; height: number }
  view: { left: number; top: number; width: number; height: number }
  /** What a click at the view's middle lands on. */
  underPointer: string
}

/** Two 600 px steps a frame apart (a fling), then what the list shows on the next frame. */
function fling(): Promise<FlingSeen> {
  return new Promise((resolve) => {
    const list = document.querySelector<HTMLElement>('[data-testid="queue-list"]')!
    const picture = list.parentElement!.querySelector<HTMLElement>('.row-skeleton')!
    const frame = (): Promise<void> => new Promise((next) => requestAnimationFrame(() => next()))
    void (async () => {
      for (let step = 0; step < 2; step++) {
        list.scrollTop += 600
        await frame()
      }
      await frame()
      const box = list.getBoundingClientRect()
      const view = {
        left: box.left + list.clientLeft,
        top: box.top + list.clientTop,
        width: list.clientWidth,
        height: list.clientHeight
      }
      const p = picture.getBoundingClientRect()
      const under = document.elementFromPoint(view.left + view.width / 2, view.top + 30)
      resolve({
        shown: getComputedStyle(picture).visibility,
        picture: { left: p.left, top: p.top, width: p.width, height: p.height },
        view,
        underPointer: under?.closest('.row-skeleton') ? 'picture' : 'list'
      })
    })()
  })
}

describe('a fling through the queue', () => {
  it('covers the view with a still picture of blank rows that clicks go through, and shows the rows once it stops', async () => {
    const sim = await startSimulator({ latencyMs: 50 })
    const harness = await openWindow(browser, {
      env: { OPENAI_API_KEY: 'sk-test-fling-0000', OPENAI_BASE_URL: sim.url }
    })
    try {
      const { page } = harness
      const photos = await photoFolder(80)
      await harness.dropFiles(photos.paths)
      await countsShow(page, /^80 photos/)
      const picture = page.locator('.queue-frame .row-skeleton')
      expect(await picture.evaluate((e) => getComputedStyle(e).visibility)).toBe('hidden')
      const seen = await page.evaluate(fling)
      await page.screenshot({ path: join(SHOTS, 'queue-fling.png') })
      expect(seen.shown).toBe('visible')
      expect(seen.picture.left).toBeCloseTo(seen.view.left, 0)
      expect(seen.picture.width).toBeCloseTo(seen.view.width, 0)
      // Clear of the list's rounded corners (10 px) at the top and bottom, and no more.
      expect(seen.picture.top - seen.view.top).toBeGreaterThanOrEqual(0)
      expect(seen.picture.top - seen.view.top).toBeLessThanOrEqual(10)
      expect(seen.picture.height).toBeGreaterThanOrEqual(seen.view.height - 20)
      expect(seen.underPointer).toBe('list')
      // Stopped: the picture goes and the rows in view are there, whole.
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('.row-skeleton')!).visibility === 'hidden'
      )
      await page.waitForSelector('[data-testid="queue-list"] [data-row-id] .row-actions')
      expect(harness.problems).toEqual([])
    } finally {
      await harness.close()
      await sim.close()
    }
  })
})
