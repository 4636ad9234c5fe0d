import type { AppInfo } from '../domain/app-info'
import type { channels } from './channels'

/** Input and output of each request channel: preload, router and fake bridges are typed from it. */
export interface RequestContract {
  [channels.getAppInfo]: { input: undefined; output: AppInfo }
}

export type RequestChannel = keyof RequestContract
export type InputOf<C extends RequestChannel> = RequestContract[C]['input']
export type OutputOf<C extends RequestChannel> = RequestContract[C]['output']
