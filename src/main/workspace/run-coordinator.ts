import { AppError, ErrorCodes } from '@shared/errors'
import type { Draft } from './draft'
import type { JobView } from './job-view'
import { StartOnce } from './start-once'

/**
 * Which queue the window has open (a draft, a job, the sample beside it) and which jobs it knows
 * and runs: the only writer of that state. Its fields are private; handlers, actions and the run
 * procedures (`runs.ts`) ask it and change it through the named writers below, so "what is open"
 * and "what runs" cannot drift apart between two places that each set them.
 */
export class RunCoordinator {
  readonly #views = new Map<string, JobView>()
  readonly #starts = new StartOnce()
  #draft: Draft | null = null
  #openId: string | null = null
  #sampleId: string | null = null

  /** The id of the queue the window shows (a draft's or a job's), if any. */
  get openId(): string | null {
    return this.#openId
  }

  /** The sample job shown beside the draft it was tried from, if any. */
  get sampleId(): string | null {
    return this.#sampleId
  }

  /** A job the window knows (opened, run, or watched for its batches). */
  view(id: string | null | undefined): JobView | undefined {
    return id ? this.#views.get(id) : undefined
  }

  /** Every job the window knows. */
  views(): JobView[] {
    return [...this.#views.values()]
  }

  anyRunning(): boolean {
    return this.views().some((view) => view.running)
  }

  /** The draft, when it is what the window shows. */
  openDraft(): Draft | null {
    return this.#draft && this.#openId === this.#draft.id ? this.#draft : null
  }

  /** The draft with this id (open or not): rows of it may still be asked about. */
  draft(id: string): Draft | null {
    return this.#draft?.id === id ? this.#draft : null
  }

  /** The open job, or a clear refusal when the open queue is not a job. */
  openJob(): JobView {
    const view = this.view(this.#openId)
    if (!view) throw new AppError(ErrorCodes.notFound, { code: 'openJobFirst' })
    return view
  }

  /** The open queue and the sample beside it: the queues whose rows the window shows. */
  openQueues(): string[] {
    return [this.#openId, this.#sampleId].filter((id): id is string => id !== null)
  }

  /** The run Pause, Resume and Cancel act on: the open job's, else the sample's. */
  activeRun(): JobView {
    for (const id of this.openQueues()) {
      const view = this.view(id)
      if (view?.run) return view
    }
    throw new AppError(ErrorCodes.notFound, { code: 'nothingRunning' })
  }

  /** Where Retry and edits go: the sample when only it is open, else the open job. */
  sampleOrOpenJob(): JobView {
    const sample = this.view(this.#sampleId)
    return sample && !this.#openId ? sample : this.openJob()
  }

  /** The job whose answers an edit changes: the open job, else the sample. */
  editable(): JobView | undefined {
    return this.view(this.#openId) ?? this.view(this.#sampleId)
  }

  /** A start once per queue: a second Run while one is in flight gets the same job id. */
  startOnce(queueId: string, begin: () => Promise<string>): Promise<string> {
    return this.#starts.run(queueId, begin)
  }

  // The writers: the only places what is open, and what is known, change.

  /** A new draft becomes the open queue (the sample beside the old one closes). */
  openNewDraft(draft: Draft): void {
    this.#draft = draft
    this.#openId = draft.id
    this.#sampleId = null
  }

  /** The draft is done with (it became a job, or the person asked for a new queue). */
  closeDraft(): void {
    this.#draft = null
  }

  /** Knows a job (to run or watch) without opening it; the view already known wins. */
  track(view: JobView): JobView {
    const known = this.#views.get(view.id)
    if (known) return known
    this.#views.set(view.id, view)
    return view
  }

  /** Opens a job in the window in place of what was open. */
  show(view: JobView): JobView {
    const shown = this.track(view)
    this.#openId = shown.id
    this.#sampleId = null
    return shown
  }

  /** Shows a sample job beside the open draft. */
  showSample(view: JobView): JobView {
    const shown = this.track(view)
    this.#sampleId = shown.id
    return shown
  }
}
