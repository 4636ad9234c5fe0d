import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createApi } from './api'

contextBridge.exposeInMainWorld(
  'api',
  createApi(ipcRenderer, (file) => webUtils.getPathForFile(file))
)
