import type { IncomingMessage } from 'node:http'
import busboy from 'busboy'
import { SimError, invalidRequest } from './errors'

/** A stored file, as `GET /v1/files/{id}` describes it. */
export interface FileObject {
  id: string
  object: 'file'
  bytes: number
  created_at: number
  filename: string
  purpose: string
}

/** The Files API: multipart upload, metadata, content. Held in memory. */
export class FileStore {
  private readonly files = new Map<string, { meta: FileObject; content: Buffer; owner?: object }>()
  private counter = 0

  constructor(private readonly now: () => number) {}

  /** Stores bytes under a new id (also used for batch output and error files). */
  put(filename: string, purpose: string, content: Buffer, owner?: object): FileObject {
    const meta: FileObject = {
      id: `file-sim${String(++this.counter).padStart(6, '0')}`,
      object: 'file',
      bytes: content.length,
      created_at: Math.floor(this.now() / 1000),
      filename,
      purpose
    }
    this.files.set(meta.id, { meta, content, owner })
    return meta
  }

  /** `GET /v1/files`: one key's uploads, newest first, optionally of one purpose. */
  list(owner: object, purpose: string | null, limit: number): Record<string, unknown> {
    const data = [...this.files.values()]
      .filter((f) => f.owner === owner && (!purpose || f.meta.purpose === purpose))
      .map((f) => f.meta)
      .reverse()
    return { object: 'list', data: data.slice(0, limit), has_more: data.length > limit }
  }

  /** The file or a 404 like OpenAI's. */
  get(id: string): { meta: FileObject; content: Buffer } {
    const file = this.files.get(id)
    if (!file)
      throw new SimError(404, 'invalid_request_error', null, `No such File object: ${id}`, 'id')
    return file
  }

  /** Reads a `multipart/form-data` upload with `file` and `purpose` fields. */
  async upload(req: IncomingMessage, owner?: object): Promise<FileObject> {
    const { filename, purpose, content } = await parseUpload(req)
    if (!purpose)
      throw invalidRequest(
        'missing_required_parameter',
        "Missing required parameter: 'purpose'.",
        'purpose'
      )
    if (!content)
      throw invalidRequest(
        'missing_required_parameter',
        "Missing required parameter: 'file'.",
        'file'
      )
    return this.put(filename, purpose, content, owner)
  }
}

function parseUpload(
  req: IncomingMessage
): Promise<{ filename: string; purpose: string; content?: Buffer }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: req.headers })
    } catch {
      reject(invalidRequest(null, 'Uploads must be multipart/form-data.'))
      return
    }
    const result: { filename: string; purpose: string; content?: Buffer } = {
      filename: 'upload',
      purpose: ''
    }
    parser.on('field', (name, value) => {
      if (name === 'purpose') result.purpose = value
    })
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (name === 'file') {
          result.content = Buffer.concat(chunks)
          result.filename = info.filename || 'upload'
        }
      })
    })
    parser.on('close', () => resolve(result))
    parser.on('error', reject)
    req.pipe(parser)
  })
}
