import { memo, useDeferredValue } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import type { WorkspaceState } from '../../stores/workspace-store'
import { RateLimitsPanel } from '../limits/RateLimitsPanel'
import { BatchPanel } from './BatchPanel'
import { EstimatePanel } from './EstimatePanel'
import { ModelNotice } from './ModelNotice'
import { OptionsForm } from './OptionsForm'
import { SamplePanel } from './SamplePanel'

/**
 * The right column: options, product sheet, estimate, sample, Run; rate limits while a job runs.
 * It shows the workspace a moment behind the queue, rendered in a pass React can interrupt and
 * split: a dropped folder's first rows and the whole column appearing with them were one task of
 * 40–80 ms, and each update while the folder is read re-rendered the column inside the message.
 */
export function RunPanel(): React.JSX.Element {
  const view = useDeferredValue(useWorkspaceState((s) => s.view))
  const sample = useDeferredValue(useWorkspaceState((s) => s.sample))
  return <RunColumn view={view} sample={sample} />
}

const RunColumn = memo(function RunColumn({
  view,
  sample
}: {
  view: WorkspaceState['view']
  sample: WorkspaceState['sample']
}): React.JSX.Element {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  if (!view)
    return (
      <aside className="run-panel" aria-label={t('run.title')}>
        <h2 className="section-title">{t('run.title')}</h2>
        <p className="muted small">{t('run.empty')}</p>
      </aside>
    )
  const draft = view.kind === 'draft'
  const sampleRunning = sample?.run.status === 'running' || sample?.run.status === 'paused'
  return (
    <aside className="run-panel" aria-label={t('run.title')}>
      <h2 className="section-title">{t('run.title')}</h2>
      <OptionsForm options={view.options} locked={!draft} flex={view.estimate?.flex} />
      {draft && (
        <>
          <div className="sheet-row">
            <button
              type="button"
              className="small ghost"
              onClick={() => void act(() => bridge.queue.chooseSheet())}
            >
              {t('run.attachSheet')}
            </button>
            {view.estimate?.sheet && (
              <button
                type="button"
                className="small ghost"
                onClick={() => void act(() => bridge.queue.clearSheet())}
              >
                {t('run.removeSheet')}
              </button>
            )}
          </div>
          <ModelNotice
            note={view.estimate?.model}
            onSwitch={(model) => void act(() => bridge.queue.setOptions({ model }))}
          />
          <EstimatePanel estimate={view.estimate} />
          <div className="run-buttons">
            <button
              type="button"
              disabled={view.walking || sampleRunning || view.ids.length === 0}
              onClick={() => void act(() => bridge.run.sample({}))}
              title={t('run.sampleTitle')}
            >
              {t('run.sample')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={view.walking || view.ids.length === 0}
              onClick={() => void act(() => bridge.run.start())}
              title={t('run.runTitle')}
            >
              {view.options.mode === 'batch'
                ? t('run.submitBatch')
                : sample
                  ? t('run.runRest')
                  : t('run.run')}
            </button>
          </div>
          {sample && <SamplePanel sample={sample} />}
        </>
      )}
      {!draft && <BatchPanel run={view.run} heardAt={view.runAt} />}
      {!draft && view.run.mode !== 'batch' && (
        <RateLimitsPanel
          keys={view.run.keys}
          heardAt={view.runAt}
          running={view.run.status === 'running'}
        />
      )}
    </aside>
  )
})
