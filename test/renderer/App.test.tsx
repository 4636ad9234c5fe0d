import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { PhotoscribeApi } from '@shared/ipc/api'
import App from '../../src/renderer/src/App'

const bridge = (getAppInfo: PhotoscribeApi['getAppInfo']): PhotoscribeApi => ({ getAppInfo })

const info = {
  name: 'Photoscribe',
  version: '3.1.4',
  platform: 'linux',
  arch: 'x64',
  dataDir: '/home/m/.config/Photoscribe',
  runtime: { node: '20.20.2' }
}

describe('App shell', () => {
  it('shows the drop hint and the app info main reported', async () => {
    render(<App bridge={bridge(async () => info)} />)
    expect(screen.getByText('Drop photos or folders here')).toBeTruthy()
    expect(await screen.findByText('Photoscribe 3.1.4')).toBeTruthy()
    expect(screen.getByText('Data: /home/m/.config/Photoscribe')).toBeTruthy()
  })

  it('opens Settings with the About facts', async () => {
    render(<App bridge={bridge(async () => info)} />)
    await screen.findByText('Photoscribe 3.1.4')
    fireEvent.click(screen.getByRole('button', { name: /settings/i }))
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy()
    expect(screen.getByText('node 20.20.2')).toBeTruthy()
  })

  it('says what went wrong when main refuses, using the message not the code', async () => {
    render(
      <App
        bridge={bridge(async () =>
          Promise.reject(new Error('[internal] The engine did not start.'))
        )}
      />
    )
    expect(
      await screen.findByText('Couldn’t read app info: The engine did not start.')
    ).toBeTruthy()
  })

  it('shows a clear error screen without a bridge', () => {
    render(<App bridge={null} />)
    expect(screen.getByRole('alert').textContent).toContain('can’t reach its engine')
  })
})
