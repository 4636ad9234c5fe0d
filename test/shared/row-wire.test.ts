import { describe, expect, it } from 'vitest'
import type { QueueRow } from '../../src/shared/domain/queue'
import type { OpenView, WorkspaceUpdate } from '../../src/shared/domain/workspace'
import { fromWire, packRows, toWire, unpackRows } from '../../src/shared/ipc/row-wire'

const waiting = (i: number, folder = '/shoot/a'): QueueRow => ({
  id: `p${i}`,
  name: `SKU-${i}.jpg`,
  folder,
  status: 'waiting'
})

const mixed: QueueRow[] = [
  waiting(1),
  {
    ...waiting(2, '/shoot/b'),
    status: 'done',
    fields: [{ name: 't', label: 'Title', value: 'Chair' }],
    costUsd: 0.0002
  },
  { ...waiting(3), status: 'failed', code: 'unreadable', reason: 'The file is not a photo.' },
  { ...waiting(4, '/shoot/b'), keyLabel: 'Main' },
  waiting(5, '/shoot/c')
]

describe('rows packed for the crossing to the window', () => {
  it('come back exactly as they left, in order, whatever each row says', () => {
    const packed = packRows(mixed)
    expect(packed.folders).toEqual(['/shoot/a', '/shoot/b', '/shoot/c'])
    // Only the rows saying more than "waiting" travel as objects.
    expect(packed.more.map(([index]) => index)).toEqual([1, 2, 3])
    expect(unpackRows(packed)).toEqual(mixed)
    expect(unpackRows(JSON.parse(JSON.stringify(packed)))).toEqual(mixed)
  })

  it('take a third of the bytes for a folder of waiting photos', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      waiting(i, `/Users/ana/Shoots/2026-12/shoot-${i % 40}`)
    )
    const plain = JSON.stringify(rows).length
    const packed = JSON.stringify(packRows(rows)).length
    expect(packed / plain).toBeLessThan(0.4)
  })

  it('packs the open view, the sample and every patch, and unpacks them to the same update', () => {
    const view = {
      id: 'j1',
      kind: 'job',
      name: 'Shoot',
      walking: false,
      demo: false,
      rows: mixed
    } as unknown as OpenView
    const update: WorkspaceUpdate = {
      view,
      sample: null,
      patches: [
        { viewId: 'j1', rows: [mixed[1]] },
        { viewId: 'j1', removed: ['p3'] }
      ],
      jobs: []
    }
    const wire = toWire(update)
    expect(JSON.stringify(wire)).not.toContain('"rows"')
    expect(fromWire(JSON.parse(JSON.stringify(wire)))).toEqual(update)
    // An update that was never packed (a test's, an older main's) passes unchanged.
    expect(fromWire(update as never)).toEqual(update)
  })
})
