import { useEffect, useRef } from 'react'

export interface ReviewKeys {
  approve(): void
  reject(): void
  edit(): void
  regenerate(): void
  next(): void
  previous(): void
  undo(): void
  close(): void
}

/** The desk's keys while it is open and nothing is typed into: A, X, E, R, J, K, Ctrl+Z, Esc. */
export function useReviewKeys(active: boolean, keys: ReviewKeys): void {
  const latest = useRef({ active, keys })
  latest.current = { active, keys }
  // One listener for the desk's life, reading `active` when a key comes: re-adding it each time
  // `active` changed left a gap after Save in which a key (J right after an edit) was lost.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!latest.current.active) return
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
      const action = actionFor(event)
      if (!action) return
      event.preventDefault()
      latest.current.keys[action]()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

function actionFor(event: KeyboardEvent): keyof ReviewKeys | null {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') return 'undo'
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  const byKey: Record<string, keyof ReviewKeys> = {
    a: 'approve',
    x: 'reject',
    e: 'edit',
    r: 'regenerate',
    j: 'next',
    k: 'previous',
    Escape: 'close'
  }
  return byKey[event.key.length === 1 ? event.key.toLowerCase() : event.key] ?? null
}
