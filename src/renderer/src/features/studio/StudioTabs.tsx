import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import type { WorkTab } from '../../stores/workspace-store'

const TABS: WorkTab[] = ['copy', 'studio']

/** Copy or Studio: what the window works on for the open queue's photos. */
export function StudioTabs(): React.JSX.Element {
  const { store } = useApp()
  const { t } = useTranslation()
  const tab = useWorkspaceState((s) => s.tab)
  return (
    <div className="work-tabs" role="tablist" aria-label={t('studio.tabs')}>
      {TABS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className={`work-tab${tab === id ? ' work-tab-on' : ''}`}
          onClick={() => store.getState().setTab(id)}
        >
          {t(`studio.tab.${id}`)}
        </button>
      ))}
    </div>
  )
}
