import type { WorkspaceUpdate } from '../../src/shared/domain/workspace'
import { ConnectionSource } from '../../src/main/workspace/connection'
import { Workspace } from '../../src/main/workspace/workspace'
import { DEMO_KEY, DEMO_LIMITS, startDemoSimulator } from '../../src/simulator/demo'
import { FakeDesktop } from './fake-desktop'
import { openSettings } from '../../src/main/settings/settings-service'
import { testCipher } from './test-cipher'

/** A workspace as main builds it, on a scripted desktop, with `env` as the environment (keys,
 * proxies) and Settings in `dataDir` (an in-memory OS cipher). */
export function testWorkspace(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  desktop = new FakeDesktop(),
  send: (update: WorkspaceUpdate) => void = () => {},
  now?: () => number
): Workspace {
  return new Workspace({
    now,
    dataDir,
    connection: new ConnectionSource(
      openSettings(dataDir, testCipher(), env),
      { start: startDemoSimulator, key: DEMO_KEY, limits: DEMO_LIMITS },
      undefined,
      env
    ),
    desktop,
    send
  })
}
