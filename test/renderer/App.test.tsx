import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App'
import { BridgeError } from '../../src/renderer/src/bridge'
import { fakeBridge, settingsView, snapshot } from './fake-bridge'
import { draftView } from './views'

describe('App shell', () => {
  it('shows the first-run panel, the drop hint and the app info main reported', async () => {
    const { bridge, calls } = fakeBridge()
    render(<App bridge={bridge} />)
    expect(
      await screen.findByText('Photoscribe 3.1.4 · linux · Data: /home/m/.config/Photoscribe')
    ).toBeTruthy()
    expect(screen.getByText('Drop photos or folders here')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Try the demo (no key needed)' }))
    expect(calls).toEqual([{ method: 'run.demo', input: undefined }])
  })

  it('opens Settings at Keys; its About tab shows what main reported', async () => {
    const { bridge } = fakeBridge(
      snapshot({ connection: { hasKey: true, keyLabel: 'Main (sk-…abcd)', endpoint: 'OpenAI' } })
    )
    render(<App bridge={bridge} />)
    await screen.findByText(/Photoscribe 3.1.4/)
    expect(screen.queryByText('Add your OpenAI API key')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: /settings/i }))
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy()
    fireEvent.click(screen.getByRole('tab', { name: 'Language & about' }))
    expect(screen.getByText('node 20.20.2')).toBeTruthy()
    expect(screen.getByText('OpenAI')).toBeTruthy()
  })

  it('follows the language chosen in Settings, live, numbers and money included', async () => {
    const fake = fakeBridge(snapshot({ view: draftView([]) }))
    render(<App bridge={fake.bridge} />)
    await screen.findByText(/Photoscribe 3.1.4/)
    expect(screen.getByRole('button', { name: /Settings/ })).toBeTruthy()
    const chinese = settingsView()
    chinese.settings.uiLanguage = 'zh-CN'
    act(() => fake.push({ settings: chinese }))
    await screen.findByRole('button', { name: /设置/ })
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(screen.getByText('把照片或文件夹拖到这里')).toBeTruthy()
  })

  it('says at start that a damaged settings file was set aside, and where', async () => {
    const view = settingsView({
      notices: {
        setAside: '/home/m/.config/Photoscribe/settings.json.damaged-1',
        unreadableKeys: []
      }
    })
    render(<App bridge={fakeBridge(snapshot({ settings: view })).bridge} />)
    const notice = await screen.findByTestId('settings-notice')
    expect(notice.textContent).toContain(
      'The settings file was damaged, so Photoscribe started from the defaults. The old file is kept at /home/m/.config/Photoscribe/settings.json.damaged-1.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Open Settings' }))
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy()
  })

  it('applies a batch of updates in one go: rows appear, the estimate follows', async () => {
    const fake = fakeBridge(snapshot({ view: draftView([]) }))
    render(<App bridge={fake.bridge} />)
    await screen.findByText(/Photoscribe 3.1.4/)
    act(() =>
      fake.push({
        patches: [
          {
            viewId: 'draft-1',
            rows: [
              { id: 'f1', name: 'shoe.jpg', folder: '/p', status: 'listed' },
              { id: 'f2', name: 'bag.jpg', folder: '/p', status: 'listed' }
            ]
          }
        ]
      })
    )
    expect(await screen.findByText('2 photos · 0 done')).toBeTruthy()
  })

  it('says what went wrong when main refuses, in words from the problem it sent', async () => {
    const refusal = new BridgeError({
      code: 'internal',
      problem: { code: 'internal' },
      message: 'internal'
    })
    const { bridge } = fakeBridge(snapshot(), refusal)
    render(<App bridge={bridge} />)
    expect(
      await screen.findByText(
        'Photoscribe couldn’t load its state: Something went wrong in Photoscribe. The details are in the log.'
      )
    ).toBeTruthy()
  })

  it('shows a clear error screen without a bridge', () => {
    render(<App bridge={null} />)
    expect(screen.getByRole('alert').textContent).toContain('can’t reach its engine')
  })

  it('unsubscribes from updates when it goes away', async () => {
    const fake = fakeBridge()
    const { unmount } = render(<App bridge={fake.bridge} />)
    await screen.findByText(/Photoscribe 3.1.4/)
    expect(fake.listeners).toBe(1)
    unmount()
    expect(fake.listeners).toBe(0)
  })
})
