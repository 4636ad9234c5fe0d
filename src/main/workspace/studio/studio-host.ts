import type { ConnectionSource } from '../connection'
import type { Desktop } from '../desktop'
import type { UpdatePump } from '../update-pump'
import type { QueueSource } from './queue-photos'

/**
 * What the studio needs of the window's workspace (which implements it): the open queue, the
 * update pump, Settings' keys, the desktop's dialogs, the data folder, the day and the clock.
 */
export interface StudioHost extends QueueSource {
  pump: Pick<UpdatePump, 'set'>
  deps: {
    dataDir: string
    desktop: Pick<Desktop, 'chooseFolder' | 'chooseFile' | 'notify'>
    connection: Pick<ConnectionSource, 'endpoint' | 'open' | 'keyLimits'>
  }
  service: { today: () => string }
  now: () => number
}
