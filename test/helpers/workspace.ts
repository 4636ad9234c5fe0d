import type { WorkspaceUpdate } from '../../src/shared/domain/workspace'
import { ConnectionSource } from '../../src/main/workspace/connection'
import { Workspace } from '../../src/main/workspace/workspace'
import { DEMO_KEY, DEMO_LIMITS, startDemoSimulator } from '../../src/simulator/demo'
import { FakeDesktop } from './fake-desktop'

/** A workspace as main builds it, on a scripted desktop, with `env` as the environment's keys. */
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
    connection: new ConnectionSource(env, {
      start: startDemoSimulator,
      key: DEMO_KEY,
      limits: DEMO_LIMITS
    }),
    desktop,
    send
  })
}
