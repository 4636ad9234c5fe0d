import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../src/core/paths'

describe('resolveDataDir', () => {
  it('prefers PHOTOSCRIBE_DATA_DIR', () => {
    expect(resolveDataDir('linux', { PHOTOSCRIBE_DATA_DIR: '/jobs' }, '/home/a')).toBe('/jobs')
  })
  it('matches Electron userData on each platform', () => {
    expect(resolveDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/Photoscribe')
    expect(resolveDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe('/cfg/Photoscribe')
    expect(resolveDataDir('darwin', {}, '/Users/a')).toBe(
      '/Users/a/Library/Application Support/Photoscribe'
    )
    expect(resolveDataDir('win32', { APPDATA: 'C:/Users/a/AppData/Roaming' }, 'C:/Users/a')).toBe(
      'C:/Users/a/AppData/Roaming/Photoscribe'
    )
  })
})
