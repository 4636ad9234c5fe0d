/** The right column: what a run will cost and how long it takes, once there are photos. */
export function RunPanel(): React.JSX.Element {
  return (
    <aside className="run-panel" aria-label="Run">
      <h2 className="section-title">Run</h2>
      <p className="muted small">
        Add photos to see what the run will cost and how long it will take at your rate limits.
      </p>
    </aside>
  )
}
