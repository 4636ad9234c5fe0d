import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { createI18n } from '../../src/renderer/src/i18n'

afterEach(() => cleanup())

// jsdom has <dialog> but not its methods; these follow the HTML spec's effect on `open`.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true
}
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false
  this.dispatchEvent(new Event('close'))
}

// jsdom has no matchMedia (uPlot reads it when loaded); a light theme, never changing.
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addEventListener: () => {},
  removeEventListener: () => {},
  addListener: () => {},
  removeListener: () => {},
  dispatchEvent: () => false
})) as unknown as typeof window.matchMedia

// jsdom has no canvas and says so on stderr for every call; the chart only draws where one exists.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']

// Components rendered without <App> find the window's i18next instance (English) this way.
createI18n('en')
