/** Where the CLI writes: injectable so tests read what a person would see. */
export interface CliIo {
  out: (line: string) => void
  err: (line: string) => void
  /** Rewrites the live status line (a terminal only); '' clears it. */
  status: (line: string) => void
  isTTY: boolean
}
