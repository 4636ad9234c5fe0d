import { useTranslation } from 'react-i18next'
import type { EstimateView } from '@shared/domain/queue'
import { problemText } from '../../words/problems'

/**
 * The chosen model shuts down soon (it still runs) or already has (Run is refused): the date, and
 * a button that switches the queue to the model OpenAI names instead.
 */
export function ModelNotice({
  note,
  onSwitch
}: {
  note: EstimateView['model']
  onSwitch: (model: string) => void
}): React.JSX.Element | null {
  const { t } = useTranslation()
  if (!note) return null
  const replacement = note.params?.replacement
  const gone = note.code.startsWith('modelGone') || note.code.startsWith('modelUnlisted')
  return (
    <div
      className={gone ? 'model-notice gone' : 'model-notice'}
      role="status"
      data-testid="model-notice"
    >
      <span>{problemText(note, t)}</span>
      {typeof replacement === 'string' && replacement && (
        <button type="button" className="small" onClick={() => onSwitch(replacement)}>
          {t('run.switchModel', { model: replacement })}
        </button>
      )}
    </div>
  )
}
