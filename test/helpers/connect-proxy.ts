import { createServer, type IncomingMessage } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

/** A company proxy on loopback: HTTP CONNECT tunnels, optionally behind Basic credentials. */
export interface TestProxy {
  url: string
  /** Tunnels opened, by target `host:port`. */
  tunnels: string[]
  /** Bytes clients sent up through the tunnels. */
  bytesUp: number
  /** Requests refused for wrong or missing credentials. */
  refused: number
  close(): Promise<void>
}

export async function startConnectProxy(credentials?: {
  username: string
  password: string
}): Promise<TestProxy> {
  const sockets = new Set<Socket>()
  const proxy: TestProxy = { url: '', tunnels: [], bytesUp: 0, refused: 0, close: async () => {} }
  const expected = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : null
  const server = createServer((_req, res) => {
    res.writeHead(405).end('This proxy only tunnels (CONNECT).')
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client)
    if (expected && req.headers['proxy-authorization'] !== expected) {
      proxy.refused++
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n')
      return
    }
    const [host, port] = (req.url ?? '').split(':')
    proxy.tunnels.push(req.url ?? '')
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.on('data', (chunk: Buffer) => (proxy.bytesUp += chunk.length))
      client.pipe(upstream)
    })
    sockets.add(upstream)
    const drop = (): void => {
      upstream.destroy()
      client.destroy()
    }
    upstream.on('error', drop)
    client.on('error', drop)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return proxy
}
