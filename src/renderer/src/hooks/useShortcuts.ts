import { useEffect } from 'react'
import { useApp } from '../context'

/**
 * Ctrl/Cmd+O add photos, Ctrl/Cmd+Enter run (the copy, or the studio on its tab), Space pause/resume, Ctrl/Cmd+E export; none while a
 * dialog is open (Esc closes it: the browser's own `<dialog>` behaviour).
 */
export function useShortcuts(): void {
  const { bridge, store, act } = useApp()
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey
      const target = event.target as HTMLElement | null
      // A dialog (Settings) has its own keys; Space on a control presses that control.
      if (target?.closest('dialog')) return
      const typing = target?.closest('input, textarea, select, button, [role="tab"]')
      const run = store.getState().view?.run.status
      if (mod && event.key.toLowerCase() === 'o') {
        event.preventDefault()
        void act(() => bridge.queue.choose())
      } else if (mod && event.key === 'Enter') {
        event.preventDefault()
        const studio = store.getState().tab === 'studio'
        void act<unknown>(() => (studio ? bridge.studio.start({}) : bridge.run.start()))
      } else if (mod && event.key.toLowerCase() === 'e') {
        event.preventDefault()
        void act(() => bridge.export.save({ format: 'xlsx', thumbnails: false }))
      } else if (event.key === ' ' && !typing && (run === 'running' || run === 'paused')) {
        event.preventDefault()
        void act(() => (run === 'running' ? bridge.run.pause() : bridge.run.resume()))
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [bridge, store, act])
}
