import { useEffect, useState } from 'react'

/**
 * True for the first frame of a list's rows: when the queue opens (a job of 100,000 photos, the
 * first rows of a dropped folder) every row in view mounts at once, and mounting them whole
 * (photo, checkbox, buttons) took one 60-80 ms task. Rows mount as sketches in that frame and are
 * filled in after it, in a transition React can interrupt. `key` names the rows: a new key (another
 * queue, the first rows of this one) makes them fresh again.
 */
export function useFreshRows(key: string): boolean {
  const [settled, setSettled] = useState<string | null>(null)
  useEffect(() => {
    const frame = requestAnimationFrame(() => setSettled(key))
    return () => cancelAnimationFrame(frame)
  }, [key])
  return settled !== key
}
