import { useApp, useWorkspaceState } from '../../context'
import { count } from '../../words/format'

/**
 * What a window with nothing open offers: with no key, "Add your OpenAI API key" and "Try the
 * demo (no key needed)"; an unfinished job from before, for resume.
 */
export function FirstRun(): React.JSX.Element | null {
  const { bridge, act } = useApp()
  const hasView = useWorkspaceState((s) => s.view !== null)
  const connection = useWorkspaceState((s) => s.snapshot?.connection)
  const resumable = useWorkspaceState((s) => s.snapshot?.resumable ?? null)
  if (hasView || !connection) return null
  return (
    <div className="first-run">
      {resumable && (
        <section className="card resume-offer" aria-label="Unfinished job">
          <div>
            <strong>{resumable.name}</strong> is unfinished: {count(resumable.done)} of{' '}
            {count(resumable.total)} photos done. Nothing is lost.
          </div>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void act(async () => {
                await bridge.jobs.open({ id: resumable.id })
                await bridge.run.start()
              })
            }
          >
            Resume
          </button>
        </section>
      )}
      {!connection.hasKey && (
        <section className="card welcome" aria-label="Welcome">
          <h2>Welcome to Photoscribe</h2>
          <p>
            Turn folders of product photos into SEO copy. You see the cost before you pay, and
            nothing is lost if the laptop closes.
          </p>
          <div className="welcome-options">
            <div className="welcome-option">
              <h3>Add your OpenAI API key</h3>
              <p className="muted small">
                Create one at <span className="mono">platform.openai.com/api-keys</span>, then start
                Photoscribe with it in <span className="mono">OPENAI_API_KEY</span>.
              </p>
            </div>
            <div className="welcome-option">
              <h3>Try the demo</h3>
              <p className="muted small">
                Sample photos through a built-in OpenAI simulator: the whole flow, including a
                rate-limit pause, in a minute. No key, no cost.
              </p>
              <button
                type="button"
                className="primary"
                onClick={() => void act(() => bridge.run.demo())}
              >
                Try the demo (no key needed)
              </button>
            </div>
          </div>
        </section>
      )}
    </div>
  )
}
