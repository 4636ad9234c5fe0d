import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useFreshRows } from '../../src/renderer/src/features/queue/useFreshRows'

const nextFrame = (): Promise<void> =>
  act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())))

describe('rows mounting in bulk are sketched for their first frame', () => {
  it('is fresh on the first frame, settled after it, and fresh again for other rows', async () => {
    const { result, rerender } = renderHook(({ key }) => useFreshRows(key), {
      initialProps: { key: 'draft-1:false' }
    })
    expect(result.current).toBe(true)
    await nextFrame()
    expect(result.current).toBe(false)
    // The first rows of the queue arrive: every row in view mounts at once.
    rerender({ key: 'draft-1:true' })
    expect(result.current).toBe(true)
    await nextFrame()
    expect(result.current).toBe(false)
    // The same rows re-rendered (a patch, a scroll) stay as they are.
    rerender({ key: 'draft-1:true' })
    expect(result.current).toBe(false)
  })
})
