import { describe, expect, it } from 'vitest'
import { benchScheduler } from '../../bench/scheduler'

describe('npm run bench -- scheduler (smoke, tiny scale)', () => {
  it('runs ours and the naive baseline, ours losing nothing and paying nothing twice', async () => {
    const lines: string[] = []
    const results = await benchScheduler(['--only', 'd', '--scale', '0.07'], (line) =>
      lines.push(line)
    )
    const ours = results.find((r) => r.runner === 'ours')!
    expect(ours).toMatchObject({ scenario: 'd', notDone: 0, paidTwice: 0, done: 21 })
    expect(results.find((r) => r.runner === 'naive')).toBeDefined()
    expect(lines[0]).toContain('| scenario | runner |')
    expect(lines).toHaveLength(4)
  }, 60_000)
})
