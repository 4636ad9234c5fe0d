import { useState } from 'react'

/** The queue: for now its empty state, a drop target with the hint people need first. */
export function QueuePane(): React.JSX.Element {
  const [dragging, setDragging] = useState(false)
  return (
    <section className="queue" aria-label="Queue">
      <div className="queue-header">
        <h2 className="section-title">Queue</h2>
        <span className="muted small">0 photos</span>
      </div>
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}`}
        data-testid="dropzone"
        onDragEnter={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragging(false)
        }}
      >
        <svg className="dropzone-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
        </svg>
        <p className="dropzone-title">Drop photos or folders here</p>
        <p className="muted small">
          JPEG, PNG, WebP, GIF, AVIF, TIFF, BMP — folders are searched inside.
        </p>
      </div>
    </section>
  )
}
