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

  it('send a walked folder as little more than its names: ids, folders and statuses as runs', () => {
    // As a drop lists them: ids counting up, 1,000 photos a folder, every one "listed".
    const rows: QueueRow[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `f${6001 + i}`,
      name: `SKU-${String(i).padStart(6, '0')}.jpg`,
      folder: `/shoot/${Math.floor(i / 1000)}`,
      status: 'listed'
    }))
    const packed = packRows(rows)
    expect(packed.ids).toEqual([['f', 6001, 3000]])
    expect(packed.folderOf).toEqual([0, 1000, 1, 1000, 2, 1000])
    expect(packed.statusOf).toEqual([0, 3000])
    expect(packed.more).toEqual([])
    const beyondNames = JSON.stringify(packed).length - JSON.stringify(packed.names).length
    expect(beyondNames).toBeLessThan(200)
    expect(unpackRows(JSON.parse(JSON.stringify(packed)))).toEqual(rows)
  })

  it('keep any id exactly, whether or not it ends in a number that counts up', () => {
    const ids = [
      'f9',
      'f10',
      'f11',
      'x007',
      'x008',
      'job-2026',
      'a',
      '',
      'f12',
      'z0',
      'z1',
      'n99999999999999999'
    ]
    const rows = ids.map((id) => ({ ...waiting(1), id }))
    expect(unpackRows(JSON.parse(JSON.stringify(packRows(rows)))).map((r) => r.id)).toEqual(ids)
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
