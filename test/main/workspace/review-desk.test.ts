import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { routes } from '@shared/ipc/routes'
import { DEFAULT_MODEL } from '@shared/models/catalog'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { loadJob } from '../../../src/core/jobs/job-store'
import { jobSpend } from '../../../src/core/jobs/job-state'
import { door, queueOn, type Door } from '../../helpers/door'
import { simulatorPerTest } from '../../helpers/sim'
import { until } from '../../helpers/until'

/** The review desk through the real IPC router: verdicts, edits and Undo, journaled. */
const sims = simulatorPerTest()
let workspace: Workspace | undefined
afterEach(async () => {
  await workspace?.close()
  workspace = undefined
})

/** A finished listing-pack job of `n` photos, open in the window. */
async function answered(n: number): Promise<Door & { jobId: string; sim: Sim }> {
  const sim = await sims.start({ latencyMs: 5 })
  const d = await door(n)
  workspace = d.ws
  await queueOn(d, sim.url)
  // A custom endpoint publishes no prices: the user's own make the costs known.
  const price = { input: 0.1, output: 0.5 }
  await d.settings.update({ section: 'prices', value: { [DEFAULT_MODEL]: price } })
  await d.call(routes.queue.setOptions.channel, { templateId: 'listing-pack' })
  const { jobId } = (await d.call(routes.run.start.channel)) as { jobId: string }
  await until(() => d.ws.runs.view(jobId)?.running === false, 15_000)
  return { ...d, jobId, sim }
}

type Sim = Awaited<ReturnType<typeof sims.start>>
const chats = (sim: Sim) => sim.log.entries.filter((e) => e.path.endsWith('/chat/completions'))

const statusOf = (d: Door, id: string) => d.ws.openJob().row(id)?.status

describe('the review desk', () => {
  it('approves, rejects, edits and undoes one step at a time; the journal keeps it all across a restart', async () => {
    const d = await answered(6)
    const view = d.ws.openJob()
    const ids = [...view.job.state.items.keys()]
    expect(ids).toHaveLength(6)
    // Nothing is judged yet, so "approve all that pass" has something to do.
    expect(ids.every((id) => ['done', 'review'].includes(statusOf(d, id)!))).toBe(true)

    const judge = routes.review.judge.channel
    expect(await d.call(judge, { ids: [ids[0]], verdict: 'approved' })).toEqual({ changed: 1 })
    expect(await d.call(judge, { ids: [ids[0]], verdict: 'approved' })).toEqual({ changed: 0 })
    expect(await d.call(judge, { ids: [ids[1]], verdict: 'rejected' })).toEqual({ changed: 1 })
    expect(statusOf(d, ids[0])).toBe('approved')
    expect(statusOf(d, ids[1])).toBe('rejected')

    const before = view.job.state.items.get(ids[2])!.result!.fields!.title
    await d.call(routes.queue.edit.channel, {
      id: ids[2],
      fields: { title: 'Linen shirt in sand, relaxed fit' }
    })
    expect(view.job.state.items.get(ids[2])!.result!.fields!.title).toBe(
      'Linen shirt in sand, relaxed fit'
    )
    // Undo takes back the edit, then the rejection; the approval stays.
    expect(await d.call(routes.review.undo.channel)).toEqual({ changed: 1 })
    expect(view.job.state.items.get(ids[2])!.result!.fields!.title).toBe(before)
    expect(await d.call(routes.review.undo.channel)).toEqual({ changed: 1 })
    expect(statusOf(d, ids[1])).not.toBe('rejected')
    expect(statusOf(d, ids[0])).toBe('approved')

    await d.call(routes.queue.edit.channel, {
      id: ids[3],
      fields: { title: 'Edited linen shirt in sand colour' }
    })
    await d.call(judge, { ids: [ids[4]], verdict: 'rejected' })
    // An edit that breaks a rule (a title under 20 characters) needs review, and is not bulk-approved.
    await d.call(routes.queue.edit.channel, { id: ids[5], fields: { title: 'Shirt' } })
    expect(statusOf(d, ids[5])).toBe('review')
    expect(d.ws.openJob().row(ids[5])?.review).toBe(
      'Product title: Too short (5 of at least 20 characters)'
    )
    const passing = [...view.job.state.items.values()].filter(
      (item) => !item.verdict && !item.result?.review
    ).length
    expect(await d.call(routes.review.approvePassing.channel)).toEqual({ changed: passing })

    expect(view.job.state.items.get(ids[5])!.verdict).toBeUndefined()
    // What the journal says after a restart is what the window showed.
    const reloaded = await loadJob(d.ws.deps.dataDir, d.jobId)
    const verdicts = (job: typeof reloaded) =>
      ids.map((id) => job.state.items.get(id)!.verdict ?? '')
    expect(verdicts(reloaded)).toEqual(verdicts(view.job))
    expect(reloaded.state.items.get(ids[3])!.result!.fields!.title).toBe(
      'Edited linen shirt in sand colour'
    )
    const approved = verdicts(reloaded).filter((v) => v === 'approved').length

    // Counts agree: the jobs list, the footer and the export.
    const entry = (await d.ws.jobEntries()).find((job) => job.id === d.jobId)!
    expect(entry.approved).toBe(approved)
    expect(entry.done).toBe(6)
    expect(view.runView(0).totals.done).toBe(6)

    const out = join(d.ws.deps.dataDir, 'approved.csv')
    expect((await d.ws.service.export(view.job, out, { approvedOnly: true })).rows).toBe(approved)
    const csv = await readFile(out, 'utf8')
    expect(csv.trim().split('\n')).toHaveLength(approved + 1)
    expect(csv).toContain('Edited linen shirt in sand colour')
    expect(csv).not.toContain(view.job.state.items.get(ids[4])!.paths[0].split('/').at(-1))
    const all = join(d.ws.deps.dataDir, 'all.csv')
    expect((await d.ws.service.export(view.job, all)).rows).toBe(6)
    expect(await readFile(all, 'utf8')).toContain(',rejected,')
  })

  it('regenerates one answer with a note: its cost shown first, sent past the cache, both answers paid and kept as spend, and Undo puts the first back', async () => {
    const d = await answered(2)
    const view = d.ws.openJob()
    const id = [...view.job.state.items.keys()][0]
    const first = structuredClone(view.job.state.items.get(id)!.result!)
    const spentBefore = jobSpend(view.job.state).costUsd
    const sent = chats(d.sim).length
    const { costUsd } = (await d.call(routes.review.regenerateCost.channel, { id })) as {
      costUsd: number
    }
    expect(costUsd).toBeGreaterThan(0)
    expect(chats(d.sim)).toHaveLength(sent) // the cost is an estimate: nothing sent for it
    await d.call(routes.review.regenerate.channel, { id, note: 'mention the material' })
    await until(() => view.job.state.items.get(id)!.redo === undefined && !view.running, 15_000)
    const second = view.job.state.items.get(id)!.result!
    // One request, with the photo; the answer is new (the note changed the prompt), not the cache's.
    expect(chats(d.sim)).toHaveLength(sent + 1)
    expect(chats(d.sim).at(-1)!.images).toHaveLength(1)
    expect(second.fromCache).toBe(false)
    expect(second.text).not.toBe(first.text)
    const spentAfter = jobSpend(view.job.state).costUsd
    expect(spentAfter).toBeCloseTo(spentBefore + second.costUsd, 10)

    expect(await d.call(routes.review.undo.channel)).toEqual({ changed: 1 })
    expect(view.job.state.items.get(id)!.result!.text).toBe(first.text)
    // Undo never refunds: the second answer's cost stays in the job's spend.
    expect(jobSpend(view.job.state).costUsd).toBeCloseTo(spentAfter, 10)
    const reloaded = await loadJob(d.ws.deps.dataDir, d.jobId)
    expect(reloaded.state.items.get(id)!.result!.text).toBe(first.text)
    expect(jobSpend(reloaded.state).costUsd).toBeCloseTo(spentAfter, 10)
  })

  it('regenerates one field alone: the new title, every other field as it was, one request paid; an unknown field is refused', async () => {
    const d = await answered(2)
    const view = d.ws.openJob()
    const id = [...view.job.state.items.keys()][1]
    const first = structuredClone(view.job.state.items.get(id)!.result!)
    const sent = chats(d.sim).length
    const refused = await d
      .call(routes.review.regenerate.channel, { id, note: '', field: 'colour' })
      .catch((e) => e)
    expect(refused).toMatchObject({ problem: { code: 'unknownField' } })
    expect(view.job.state.items.get(id)!.redo).toBeUndefined()

    await d.call(routes.review.regenerate.channel, { id, note: 'shorter', field: 'title' })
    await until(() => view.job.state.items.get(id)!.redo === undefined && !view.running, 15_000)
    const second = view.job.state.items.get(id)!.result!
    expect(chats(d.sim)).toHaveLength(sent + 1)
    expect(second.fields!.title).not.toBe(first.fields!.title)
    const others = (fields: Record<string, unknown>) =>
      Object.entries(fields).filter(([name]) => name !== 'title')
    expect(others(second.fields!)).toEqual(others(first.fields!))
    expect(JSON.parse(second.text)).toEqual(second.fields)
    // The journal holds the merged answer: a reload shows the same.
    const reloaded = await loadJob(d.ws.deps.dataDir, d.jobId)
    expect(reloaded.state.items.get(id)!.result!.fields).toEqual(second.fields)
    expect(await d.call(routes.review.undo.channel)).toEqual({ changed: 1 })
    expect(view.job.state.items.get(id)!.result!.fields).toEqual(first.fields)
  })

  it('takes target keywords typed for a product: saved with the job, checked at once in its answers, never in another product’s', async () => {
    const d = await answered(2)
    const view = d.ws.openJob()
    const [id, other] = [...view.job.state.items.keys()]
    expect(await d.call(routes.review.keywords.channel, { id })).toEqual({ keywords: '' })
    const flagged = (rowId: string) =>
      (view.row(rowId)?.flags ?? []).filter((flag) => flag.code === 'keywordMissing')
    expect(flagged(id)).toEqual([])

    const set = routes.review.setKeywords.channel
    expect(await d.call(set, { id, keywords: ' zebra print, stripes ' })).toEqual({ changed: 1 })
    expect(await d.call(routes.review.keywords.channel, { id })).toEqual({
      keywords: 'zebra print, stripes'
    })
    // The first keyword is the target: missing from the title and the description.
    expect(flagged(id).map((flag) => flag.params)).toContainEqual({ word: 'zebra print' })
    expect(flagged(other)).toEqual([])
    const reloaded = await loadJob(d.ws.deps.dataDir, d.jobId)
    expect(Object.values(reloaded.settings.productContext ?? {})).toEqual([
      { keywords: 'zebra print, stripes' }
    ])
    // Cleared: the product has no target keyword, and nothing is flagged.
    await d.call(set, { id, keywords: '' })
    expect(flagged(id)).toEqual([])
    const tooLong = await d.call(set, { id, keywords: 'x'.repeat(301) }).catch((e) => e)
    expect(tooLong).toMatchObject({ code: 'invalid_input' })
  })

  it('refuses a verdict with nothing open and validates its input', async () => {
    const d = await door(1)
    workspace = d.ws
    const refused = await d
      .call(routes.review.judge.channel, { ids: ['x'], verdict: 'approved' })
      .catch((e) => e)
    expect(refused).toMatchObject({ problem: { code: 'openJobFirst' } })
    const bad = await d
      .call(routes.review.judge.channel, { ids: [], verdict: 'maybe' })
      .catch((e) => e)
    expect(bad).toMatchObject({ code: 'invalid_input' })
  })
})
