import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { QueueRow } from '@shared/domain/queue'
import type { RunView } from '@shared/domain/run-view'
import { AppContext } from '../../src/renderer/src/context'
import { EstimatePanel } from '../../src/renderer/src/features/run/EstimatePanel'
import { RateLimitsPanel } from '../../src/renderer/src/features/limits/RateLimitsPanel'
import { QueueRowView } from '../../src/renderer/src/features/queue/QueueRowView'
import { RunProgress } from '../../src/renderer/src/features/shell/ProgressFooter'
import { createWorkspaceStore } from '../../src/renderer/src/stores/workspace-store'
import { INFO, fakeBridge, settingsView, snapshot } from './fake-bridge'
import { noActions, runView } from './views'
import { createI18n } from '../../src/renderer/src/i18n'
import { formatters } from '../../src/renderer/src/words/format'
import { OptionsForm } from '../../src/renderer/src/features/run/OptionsForm'
import { jobOptionsSchema } from '@shared/domain/job-options'

function row(over: Partial<QueueRow>): QueueRow {
  return { id: 'p1', name: 'IMG_0412.jpg', folder: '/photos', status: 'waiting', ...over }
}

function rowView(r: QueueRow, { actions = noActions, sketch = false, index = 0 } = {}) {
  return (
    <QueueRowView
      row={r}
      heardAt={performance.now()}
      thumbnail="thumb://t/j/p1"
      sketch={sketch}
      selected={false}
      editing={false}
      index={index}
      actions={actions}
      words={WORDS}
    />
  )
}

function renderRow(r: QueueRow, actions = noActions) {
  return render(rowView(r, { actions }))
}

/** The list's words in English, as QueueList hands them to each row. */
const english = createI18n('en')
const WORDS = { t: english.t, money: formatters('en', english.t).money }

function chip(container: HTMLElement): { words: string; tone: string } {
  const element = container.querySelector('.chip')!
  return { words: element.textContent ?? '', tone: element.className.replace('chip chip-', '') }
}

describe('a queue row says its state in UI.md’s words and colours', () => {
  it.each([
    [row({ status: 'waiting' }), '○Waiting', 'grey'],
    [row({ status: 'preparing' }), '◌Preparing photo', 'grey'],
    [row({ status: 'capacity' }), '◷Waiting for rate limit', 'blue'],
    [row({ status: 'writing' }), '↑Writing…', 'blue'],
    [
      row({ status: 'retrying', retryInMs: 12_000, cause: 'rate_limit', keyLabel: 'Main' }),
      '⟳Retrying in 12 s — rate limit (key "Main")',
      'amber'
    ],
    [
      row({
        status: 'review',
        review: 'Too long (171 of 155 characters)',
        fields: [{ name: 'm', label: 'Meta', value: 'x' }]
      }),
      '!Too long (171 of 155 characters)',
      'amber'
    ],
    [
      row({
        status: 'failed',
        code: 'damaged',
        reason: 'This photo’s file is damaged (corrupt JPEG header).'
      }),
      '✗file is damaged',
      'red'
    ],
    [
      row({
        status: 'done',
        fields: [{ name: 'm', label: 'Meta', value: 'Zapatilla de running ligera' }]
      }),
      '✓Done',
      'green'
    ]
  ])('%#: %o', (r, words, tone) => {
    const { container } = renderRow(r)
    expect(chip(container)).toEqual({ words, tone })
  })

  it('shows a done row’s first line and a failed row’s reason, with Retry', () => {
    const retried: string[] = []
    renderRow(
      row({
        status: 'done',
        fields: [{ name: 'm', label: 'Meta', value: 'Zapatilla de running ligera\nsecond' }]
      })
    )
    expect(screen.getByText('Zapatilla de running ligera')).toBeTruthy()
    renderRow(
      row({
        id: 'p2',
        status: 'failed',
        code: 'timeout',
        reason: 'The server did not answer within 60 s.'
      }),
      {
        ...noActions,
        retry: (id) => retried.push(id)
      }
    )
    expect(screen.getByText('The server did not answer within 60 s.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(retried).toEqual(['p2'])
  })
})

describe('the estimate panel', () => {
  const estimate = {
    photos: 2000,
    measured: 2000,
    unreadable: 0,
    costStandard: 1.9,
    costBatch: 0.95,
    costFlex: 0.95 as number | null,
    flex: 'yes' as const,
    cachedShare: 0,
    imageTokens: 'documented' as const,
    learnedFrom: 0,
    durationMs: 14 * 60_000,
    binding: 'tokens' as const,
    rpm: 500,
    tpm: 200_000,
    limitsSource: 'catalog',
    keys: 1,
    pricing: 'catalog' as const,
    batch: {
      files: 1,
      rounds: 1,
      queueLimit: 2_000_000,
      binding: 'window' as const,
      durationMs: 86_400_000
    }
  }

  it('shows the cost now and with Batch, the duration and which limit binds', () => {
    withContext(<EstimatePanel estimate={estimate} />)
    expect(screen.getByTestId('estimate-now').textContent).toBe('≈ $1.90')
    expect(screen.getByTestId('estimate-batch').textContent).toBe('≈ $0.95')
    expect(screen.getByTestId('estimate-duration').textContent).toBe('≈ 14 min')
    expect(screen.getByTestId('estimate-binding').textContent).toContain(
      'tokens per minute is the cap'
    )
    expect(screen.getByText('2,000 photos')).toBeTruthy()
    expect(screen.getByTestId('estimate-binding').textContent).toContain('usage tier 1 limits')
  })

  it('says when the limits are the key’s own, as the server reported them', () => {
    withContext(<EstimatePanel estimate={{ ...estimate, limitsSource: 'reported' }} />)
    expect(screen.getByTestId('estimate-binding').textContent).toContain(
      'your key’s own limits, as OpenAI reported them'
    )
  })

  it('says when it is extrapolated, what cannot be read, and how many photos a sheet matched', () => {
    withContext(
      <EstimatePanel
        estimate={{
          ...estimate,
          measured: 300,
          unreadable: 2,
          sheet: { name: 'products.csv', matched: 1890, rows: 1950 }
        }}
      />
    )
    expect(screen.getByText(/2 can’t be read · from 300 sizes read so far/)).toBeTruthy()
    expect(screen.getByTestId('sheet-matches').textContent).toBe(
      'Product sheet products.csv: 1,890 of 2,000 photos matched'
    )
  })

  it('shows Flex and the cache share, and says where a new model’s image tokens come from', () => {
    const { rerender } = withContext(
      <EstimatePanel
        estimate={{ ...estimate, cachedShare: 0.62, imageTokens: 'assumed', learnedFrom: 0 }}
      />
    )
    expect(screen.getByTestId('estimate-flex').textContent).toBe('≈ $0.95')
    expect(screen.getByTestId('estimate-cached').textContent).toContain('≈ 62 %')
    expect(screen.getByText(/the model’s rule is not published yet/)).toBeTruthy()
    rerender(
      <AppContext.Provider value={contextValue(fakeBridge().bridge)}>
        <EstimatePanel
          estimate={{ ...estimate, costFlex: null, imageTokens: 'learned', learnedFrom: 240 }}
        />
      </AppContext.Provider>
    )
    expect(screen.queryByTestId('estimate-flex')).toBeNull()
    expect(screen.queryByTestId('estimate-cached')).toBeNull()
    expect(screen.getByText(/image tokens learned from 240 answers/)).toBeTruthy()
  })

  it('offers one request per product, by SKU or folder, and previews what the grouping makes', () => {
    const { fake } = withContext(
      <EstimatePanel
        estimate={{
          ...estimate,
          grouping: {
            by: 'sku',
            products: 3,
            requests: 4,
            perRequest: 6,
            largest: [
              { key: 'BAG-09', photos: 7 },
              { key: 'TSHIRT-01', photos: 2 }
            ]
          }
        }}
      />
    )
    expect(screen.getByTestId('grouping-preview').textContent).toBe(
      'Products: 3 · requests: 4 · largest: BAG-09 (7), TSHIRT-01 (2) · a product of more than 6 photos is sent in several requests (the first 6, front photo first, write the listing)'
    )
    fireEvent.change(screen.getByRole('combobox', { name: 'Requests' }), {
      target: { value: 'sku' }
    })
    expect(fake.calls).toContainEqual({ method: 'queue.setOptions', input: { groupBy: 'sku' } })
  })

  it('waits politely before any size is read', () => {
    render(<EstimatePanel estimate={undefined} />)
    expect(screen.getByText('Reading the photos’ sizes…')).toBeTruthy()
  })
})

function contextValue(
  bridge: ReturnType<typeof fakeBridge>['bridge'],
  store = createWorkspaceStore()
) {
  return {
    bridge,
    store,
    act: async <T,>(work: () => Promise<T>) => work(),
    openSettings: () => {}
  }
}

function withContext(ui: React.ReactNode, store = createWorkspaceStore()) {
  const fake = fakeBridge()
  const value = contextValue(fake.bridge, store)
  return { fake, ...render(<AppContext.Provider value={value}>{ui}</AppContext.Provider>) }
}

describe('the progress bar', () => {
  const running: RunView = runView(
    { status: 'running', estimateUsd: 1.84 },
    { total: 1240, done: 1178, failed: 12, throughputPerMin: 38, etaMs: 60_000, costUsd: 1.71 }
  )

  it('shows done / failed / total, pace, ETA and money against the estimate', () => {
    withContext(<RunProgress run={running} />)
    expect(screen.getByTestId('progress-words').textContent).toBe(
      '95% · 1,178 done · 12 failed · 1,240 total · 38/min · ETA 60 s · spent $1.71 of ≈$1.84'
    )
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1190')
  })

  it('fills its parts by transform (animated on the compositor), failed after done', () => {
    withContext(<RunProgress run={running} />)
    const [done, failed] = [...screen.getByRole('progressbar').children] as HTMLElement[]
    expect(done.style.transform).toBe(`translateX(0%) scaleX(${1178 / 1240})`)
    expect(failed.style.transform).toBe(`translateX(${(1178 / 1240) * 100}%) scaleX(${12 / 1240})`)
    expect(done.style.width + failed.style.width).toBe('')
  })

  it('offers Pause while running, Resume while paused, Retry failed when some failed; each reaches main', () => {
    const { fake, rerender } = withContext(<RunProgress run={running} />)
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }))
    fireEvent.click(screen.getByRole('button', { name: 'Retry failed' }))
    rerender(
      <AppContext.Provider
        value={{
          bridge: fake.bridge,
          store: createWorkspaceStore(),
          act: async (w) => w(),
          openSettings: () => {}
        }}
      >
        <RunProgress run={{ ...running, status: 'paused' }} />
      </AppContext.Provider>
    )
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(fake.calls.map((c) => c.method)).toEqual([
      'run.pause',
      'run.retry',
      'run.resume',
      'run.cancel'
    ])
  })
})

describe('the rate-limits panel', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }))
  afterEach(() => vi.useRealTimers())

  it('counts a cool-down down on a fake clock, with the reason', () => {
    const key = {
      id: 'main',
      label: 'Main',
      rpm: 500,
      tpm: 200_000,
      limitsFrom: 'headers' as const,
      remainingRequests: 0,
      remainingTokens: 150_000,
      coolingInMs: 12_000,
      coolingCause: 'rate_limit' as const,
      coolingLimit: 'tokens' as const,
      inFlight: 3,
      concurrencyCap: 8,
      rateLimitHits: 4,
      stopped: false
    }
    withContext(<RateLimitsPanel keys={[key]} heardAt={performance.now()} running />)
    expect(screen.getByTestId('cooling').textContent).toBe(
      '⟳ Key “Main” waits 12 s — OpenAI said too many tokens this minute'
    )
    expect(screen.getByTestId('pace-words').textContent).toBe(
      'OpenAI asked to slow down: Photoscribe waits and goes on by itself.'
    )
    expect(screen.getByText('0 of 500 left')).toBeTruthy()
    act(() => {
      vi.advanceTimersByTime(5000)
    })
    expect(screen.getByTestId('cooling').textContent).toContain('waits 7 s')
    act(() => {
      vi.advanceTimersByTime(7500)
    })
    expect(screen.queryByTestId('cooling')).toBeNull()
  })
})

describe('the run options', () => {
  it('take a model id the catalog does not know ("Other model…"), sent when the field is left', () => {
    const store = createWorkspaceStore()
    store.getState().setReady(snapshot(), INFO, 0)
    const { fake } = withContext(
      <OptionsForm options={jobOptionsSchema.parse({})} locked={false} />,
      store
    )
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), {
      target: { value: '__other__' }
    })
    const id = screen.getByLabelText('Model id (as the endpoint names it)')
    fireEvent.change(id, { target: { value: 'llava:13b' } })
    expect(fake.calls.filter((c) => c.method === 'queue.setOptions')).toEqual([])
    fireEvent.blur(id)
    expect(fake.calls.filter((c) => c.method === 'queue.setOptions').map((c) => c.input)).toEqual([
      { model: 'llava:13b' }
    ])
  })
})

describe('more languages in one run', () => {
  it('adds languages beside the main one; taking the last one off clears the list', () => {
    const store = createWorkspaceStore()
    store.getState().setReady(snapshot({ languages: ['English', 'Español', 'Deutsch'] }), INFO, 0)
    const options = jobOptionsSchema.parse({ moreLanguages: ['Español'] })
    const { fake } = withContext(<OptionsForm options={options} locked={false} />, store)
    const picker = screen.getByRole('combobox', { name: 'Also in' })
    // The main language and the chosen one are not offered again.
    expect([...picker.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      '+ another language',
      'Deutsch'
    ])
    fireEvent.change(picker, { target: { value: 'Deutsch' } })
    fireEvent.click(screen.getByRole('button', { name: 'Stop answering in Español' }))
    expect(fake.calls.filter((c) => c.method === 'queue.setOptions').map((c) => c.input)).toEqual([
      { moreLanguages: ['Español', 'Deutsch'] },
      { moreLanguages: null }
    ])
  })
})

describe('the model price under the picker', () => {
  function priceLine(provider: 'openai' | 'openrouter', prices = {}) {
    const store = createWorkspaceStore()
    const view = settingsView()
    view.settings.provider.preset = provider
    view.settings.prices = prices
    store.getState().setReady(snapshot({ settings: view }), INFO, 0)
    withContext(<OptionsForm options={jobOptionsSchema.parse({})} locked={false} />, store)
    return screen.queryByText(/per 1M tokens in/)?.textContent ?? null
  }

  it('is the catalog price on OpenAI, none where the endpoint publishes none, and yours where you set one', () => {
    expect(priceLine('openai')).toBe('$0.10 per 1M tokens in, $0.50 out')
    cleanup()
    expect(priceLine('openrouter')).toBeNull()
    cleanup()
    expect(priceLine('openrouter', { 'gpt-6-luna': { input: 0.5, output: 2 } })).toBe(
      '$0.50 per 1M tokens in, $2.00 out'
    )
  })
})

describe('a row the queue flies past', () => {
  const done = row({
    status: 'done',
    fields: [{ name: 'title', label: 'Title', value: 'Red chair' }] as QueueRow['fields']
  })
  const rowAt = (sketch: boolean) => rowView(done, { sketch, index: 4 })

  it('is its name and status in a few elements, then the whole row once the list slows', async () => {
    const { container, rerender } = render(rowAt(true))
    const sketch = container.querySelector('[role="row"]')!
    expect(sketch.className).toBe('row-sketch')
    expect(sketch.getAttribute('aria-rowindex')).toBe('5')
    expect(sketch.textContent).toContain('IMG_0412.jpg')
    expect(chip(container).tone).toBe('green')
    expect(container.querySelectorAll('*').length).toBeLessThanOrEqual(4)
    expect(container.querySelector('button, img, input, [title]')).toBeNull()
    rerender(rowAt(false))
    await act(async () => {})
    const full = container.querySelector('[role="row"]')!
    expect(full.className).toContain('row row-done')
    expect(screen.getByRole('button', { name: /Review/ })).toBeTruthy()
    expect(full.querySelector('.row-text')?.getAttribute('title')).toBe('Title: Red chair')
  })
})
