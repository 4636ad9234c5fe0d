/**
 * Starts that must happen once per queue: while a start for a queue is in flight, a second call
 * (a double-click on Run, a shortcut pressed with the button) gets the same promise, so one job is
 * created and every photo is billed once.
 */
export class StartOnce {
  private readonly inFlight = new Map<string, Promise<string>>()

  run(queueId: string, begin: () => Promise<string>): Promise<string> {
    const pending = this.inFlight.get(queueId)
    if (pending) return pending
    const started = begin().finally(() => this.inFlight.delete(queueId))
    this.inFlight.set(queueId, started)
    return started
  }
}
