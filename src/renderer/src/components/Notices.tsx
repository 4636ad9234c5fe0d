import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

export interface Notice {
  id: number
  message: string
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
