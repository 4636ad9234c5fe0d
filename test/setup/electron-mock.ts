import { vi } from 'vitest'
import { electronMock } from './electron-fake'

// The one place 'electron' is mocked (docs/architecture.md §7): the real package tries to download.
vi.mock('electron', () => ({ ...electronMock, default: electronMock }))
