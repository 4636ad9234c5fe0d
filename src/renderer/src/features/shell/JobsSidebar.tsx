/** The left column: jobs, newest first. Empty until a first job is started. */
export function JobsSidebar(): React.JSX.Element {
  return (
    <aside className="sidebar" aria-label="Jobs">
      <h2 className="section-title">Jobs</h2>
      <p className="muted small">No jobs yet. Your first job appears here when you add photos.</p>
    </aside>
  )
}
