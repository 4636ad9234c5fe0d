import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'
import { StudioEstimate } from './StudioEstimate'
import { StudioFields } from './StudioFields'
import { RecipeActions } from './RecipeActions'
import { StudioLanes } from './StudioLanes'
import { studioCounts } from './studio-words'

/** The studio's right column: recipe and fields, output folder, estimate, Run or Stop, keys. */
export function StudioPanel(): React.JSX.Element {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const { money, duration } = useFormat()
  const studio = useWorkspaceState((s) => s.studio)
  const [resend, setResend] = useState(false)
  if (!studio)
    return (
      <aside className="run-panel" aria-label={t('studio.title')}>
        <h2 className="section-title">{t('studio.title')}</h2>
        <p className="muted small">{t('studio.empty')}</p>
      </aside>
    )
  const running = studio.status === 'running' || studio.status === 'stopping'
  const possiblyBilled = studioCounts(studio).possiblyBilled ?? 0
  return (
    <aside className="run-panel" aria-label={t('studio.title')} data-testid="studio-panel">
      <h2 className="section-title">{t('studio.title')}</h2>
      <StudioFields studio={studio} locked={running} />
      <RecipeActions locked={running} />
      <div className="field-row studio-folder">
        <span>{t('studio.outDir')}</span>
        <button
          type="button"
          className="small ghost"
          disabled={running}
          onClick={() => void act(() => bridge.studio.chooseOutDir())}
        >
          {studio.outDir ? t('studio.changeFolder') : t('studio.chooseFolder')}
        </button>
      </div>
      {studio.outDir && (
        <p className="small muted truncate mono" title={studio.outDir}>
          {studio.outDir}
        </p>
      )}
      <p className="small muted hint">{t('studio.neverOverwrite')}</p>
      <StudioEstimate studio={studio} />
      {possiblyBilled > 0 && !running && (
        <label className="check-row small">
          <input type="checkbox" checked={resend} onChange={(e) => setResend(e.target.checked)} />
          {t('studio.resend', { count: possiblyBilled })}
        </label>
      )}
      <div className="run-buttons">
        {running ? (
          <button
            type="button"
            disabled={studio.status === 'stopping'}
            onClick={() => void act(() => bridge.studio.stop())}
          >
            {studio.status === 'stopping' ? t('studio.stopping') : t('studio.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!studio.outDir || !studio.estimate?.fits}
            onClick={() => void act(() => bridge.studio.start({ resendPossiblyBilled: resend }))}
          >
            {t('studio.run')}
          </button>
        )}
      </div>
      {studio.stopReason && !running && (
        <p className="small amber" role="status">
          {studio.stopReason}
        </p>
      )}
      <p className="small" data-testid="studio-spent">
        {t('studio.spent', {
          spent: money(studio.spentUsd),
          elapsed: duration(studio.elapsedMs || 1000)
        })}
      </p>
      <StudioLanes studio={studio} />
    </aside>
  )
}
