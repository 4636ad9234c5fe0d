import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

export interface Notice {
  id: number
  message: string
  /** A way out the notice offers ("Move this job…"). */
  action?: { label: string; run: () => void }
}

/** Refusals and errors in plain words, read out by screen readers, gone after a while. */
export function Notices({
  notices,
  onDismiss
}: {
  notices: Notice[]
  onDismiss: (id: number) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  useEffect(() => {
    if (notices.length === 0) return
    const timer = setTimeout(() => onDismiss(notices[0].id), 8000)
    return () => clearTimeout(timer)
  }, [notices, onDismiss])
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" role="status">
          <span>{notice.message}</span>
          {notice.action && (
            <button
              type="button"
              className="small notice-action"
              onClick={() => {
                onDismiss(notice.id)
                notice.action!.run()
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button
            type="button"
            className="ghost small"
            aria-label={t('app.dismiss')}
            onClick={() => onDismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
