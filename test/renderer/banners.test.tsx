import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { QueueRow } from '@shared/domain/queue'
import type { RunView } from '@shared/domain/run-view'
import { AppContext, type SettingsSection } from '../../src/renderer/src/context'
import { StopBanner } from '../../src/renderer/src/features/shell/StopBanner'
import { OfflineBanner } from '../../src/renderer/src/features/shell/OfflineBanner'
import { RunProgress } from '../../src/renderer/src/features/shell/ProgressFooter'
import { QueueRowView } from '../../src/renderer/src/features/queue/QueueRowView'
import { RateLimitsPanel } from '../../src/renderer/src/features/limits/RateLimitsPanel'
import { paceOf } from '../../src/renderer/src/features/limits/pace'
import { createWorkspaceStore } from '../../src/renderer/src/stores/workspace-store'
import { createI18n } from '../../src/renderer/src/i18n'
import { formatters } from '../../src/renderer/src/words/format'
import { INFO, fakeBridge, snapshot } from './fake-bridge'
import { draftView, noActions, runView } from './views'

afterEach(cleanup)

const key = (over: Partial<RunView['keys'][number]> = {}): RunView['keys'][number] => ({
  id: 'k1',
  label: 'Main',
  rpm: 500,
  tpm: 200_000,
  limitsFrom: 'headers',
  inFlight: 0,
  concurrencyCap: 8,
  rateLimitHits: 0,
  stopped: false,
  ...over
})

/** The window's context around `ui`, with a job view holding `run` and `rows`. */
function inWindow(ui: React.ReactNode, run: RunView, rows: QueueRow[] = []) {
  const store = createWorkspaceStore()
  store
    .getState()
    .setReady(snapshot({ view: draftView(rows, { kind: 'job', run }) }), INFO, performance.now())
  const fake = fakeBridge()
  const opened: (SettingsSection | undefined)[] = []
  const value = {
    bridge: fake.bridge,
    store,
    act: async <T,>(work: () => Promise<T>) => work(),
    openSettings: (section?: SettingsSection) => void opened.push(section)
  }
  render(<AppContext.Provider value={value}>{ui}</AppContext.Provider>)
  return { fake, opened }
}

describe('a stop banner’s main button is the right next step', () => {
  it('a refused key: Open Settings at Keys comes first, the key is named, Resume stays', () => {
    const run = runView({
      status: 'stopped',
      stop: { kind: 'auth', reason: '401 invalid_api_key' },
      keys: [key({ stopped: true })]
    })
    const { fake, opened } = inWindow(<StopBanner />, run)
    const buttons = screen.getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Open Settings → Keys',
      'Resume — nothing is lost'
    ])
    expect(buttons[0].className).toContain('primary')
    expect(screen.getByTestId('stopped-keys').textContent).toContain('“Main”')
    fireEvent.click(buttons[0])
    expect(opened).toEqual(['keys'])
    expect(fake.calls).toHaveLength(0)
  })

  it('out of credit: Resume is the one button (credit is added outside the app)', () => {
    const run = runView({
      status: 'stopped',
      stop: { kind: 'quota', reason: '429 insufficient_quota' }
    })
    inWindow(<StopBanner />, run)
    const buttons = screen.getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual(['Resume — nothing is lost'])
  })
})

describe('the offline banner', () => {
  it('shows while every working key waits on the connection, with a countdown and what is kept', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] })
    try {
      const run = runView({
        status: 'running',
        keys: [
          key({ coolingCause: 'network', coolingInMs: 20_000 }),
          key({ id: 'k2', stopped: true })
        ]
      })
      inWindow(<OfflineBanner />, run)
      const banner = screen.getByTestId('offline-banner')
      expect(banner.textContent).toContain('Can’t reach the server. Trying again in 20 s.')
      expect(banner.textContent).toContain('Nothing is lost')
    } finally {
      vi.useRealTimers()
    }
  })

  it('does not show while a key still works, or when the run is not running', () => {
    const cooling = key({ coolingCause: 'network', coolingInMs: 5_000 })
    inWindow(<OfflineBanner />, runView({ status: 'running', keys: [cooling, key({ id: 'k2' })] }))
    expect(screen.queryByTestId('offline-banner')).toBeNull()
    cleanup()
    inWindow(<OfflineBanner />, runView({ status: 'paused', keys: [cooling] }))
    expect(screen.queryByTestId('offline-banner')).toBeNull()
  })
})

describe('no Retry where a retry cannot succeed', () => {
  const english = createI18n('en')
  const words = { t: english.t, money: formatters('en', english.t).money }
  const failed = (code: string): QueueRow => ({
    id: 'p1',
    name: 'IMG_0412.jpg',
    folder: '/photos',
    status: 'failed',
    code,
    reason: 'x'
  })
  const rowView = (row: QueueRow) =>
    render(
      <QueueRowView
        row={row}
        heardAt={0}
        thumbnail="thumb://t/j/p1"
        sketch={false}
        selected={false}
        editing={false}
        index={0}
        actions={noActions}
        words={words}
      />
    )

  it.each([
    ['damaged', 'fix or re-export the file'],
    ['refusal', 'the model declines this photo every time'],
    ['invalid', 'OpenAI refuses this request as it is']
  ])('a %s row has no Retry and says why', (code, why) => {
    rowView(failed(code))
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
    expect(screen.getByText(new RegExp(why))).toBeTruthy()
  })

  it('a network failure keeps its Retry', () => {
    rowView(failed('network'))
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy()
  })

  it('the footer offers Retry failed only while some failure can be retried', () => {
    const run = runView({ status: 'completed' }, { total: 2, done: 1, failed: 1 })
    inWindow(<RunProgress run={run} />, run, [failed('damaged')])
    expect(screen.queryByRole('button', { name: 'Retry failed' })).toBeNull()
    cleanup()
    inWindow(<RunProgress run={run} />, run, [{ ...failed('timeout'), id: 'p2' }])
    expect(screen.getByRole('button', { name: 'Retry failed' })).toBeTruthy()
  })
})

describe('the rate panel’s plain words', () => {
  const minute = (requests: number, tokens: number, rpm = 500, tpm = 200_000) =>
    Array.from({ length: 60 }, (_, i) => ({
      at: i * 1000,
      requests,
      tokens,
      rateLimited: 0,
      rpm,
      tpm
    }))

  it('at the requests limit: as fast as the plan allows, 420 of 500 requests a minute', () => {
    expect(paceOf(minute(7, 100), [key()], true)).toEqual({
      state: 'full',
      binding: 'requests',
      used: 420,
      limit: 500
    })
  })

  it('names tokens when tokens are nearer their limit; below 80 % there is room', () => {
    expect(paceOf(minute(1, 3000), [key()], true)).toMatchObject({
      state: 'full',
      binding: 'tokens',
      used: 180_000
    })
    expect(paceOf(minute(1, 100), [key()], true)).toMatchObject({ state: 'room', used: 60 })
    expect(paceOf(minute(1, 100), [key()], false).state).toBe('idle')
    expect(paceOf([], [key()], true).state).toBe('starting')
  })

  it('says it in a sentence, with what would make it faster; the gauges sit behind a click', () => {
    const store = createWorkspaceStore()
    const run = runView({ status: 'running', keys: [key()] })
    store
      .getState()
      .setReady(
        snapshot({ view: draftView([], { kind: 'job', run }), history: minute(7, 100) }),
        INFO,
        0
      )
    const value = {
      bridge: fakeBridge().bridge,
      store,
      act: async <T,>(w: () => Promise<T>) => w(),
      openSettings: () => {}
    }
    render(
      <AppContext.Provider value={value}>
        <RateLimitsPanel keys={run.keys} heardAt={0} running />
      </AppContext.Provider>
    )
    expect(screen.getByTestId('pace-words').textContent).toBe(
      'Going as fast as your OpenAI plan allows — 420 of 500 requests a minute.'
    )
    expect(screen.getByTestId('pace-hint').textContent).toMatch(/add a second API key/)
    expect(screen.getByTestId('limits-details').hasAttribute('open')).toBe(false)
    expect(screen.queryByTestId('chart-summary')).toBeNull()
    const details = screen.getByTestId('limits-details') as HTMLDetailsElement
    details.open = true
    fireEvent(details, new Event('toggle'))
    expect(screen.getByTestId('chart-summary')).toBeTruthy()
    details.open = false
    fireEvent(details, new Event('toggle'))
    expect(screen.queryByTestId('chart-summary')).toBeNull()
  })
})
