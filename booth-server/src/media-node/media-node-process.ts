import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_SOCKET_PAYLOAD } from '@onething/contract/wire/contract';
import { Server as IoServer } from 'socket.io';
import { ConfigError, type Config } from '../config/config.ts';
import { Database } from '../db/database.ts';
import { createLogger, setLogLevel } from '../logging/logger.ts';
import { MediaNodes } from '../media-nodes/media-nodes.ts';

const log = createLogger('media-node-process');

/**
 * A media node without signalling: mediasoup workers, the /media-node control namespace on its
 * own HTTP port, and its announcement in the shared database. Booth servers (MEDIA_NODES=
 * registry) find it there and place the calls of its region on it.
 */
export class MediaNodeProcess {
  readonly config: Config;
  readonly database: Database;
  readonly media: MediaNodes;
  readonly httpServer: http.Server;
  readonly io: IoServer;

  private constructor(config: Config, database: Database) {
    this.config = config;
    this.database = database;
    this.httpServer = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    this.io = new IoServer(this.httpServer, {
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
      serveClient: false,
      transports: ['websocket'],
    });
    this.io.of('/').use((_socket, next) => next(new Error('NOT_FOUND')));
    this.media = new MediaNodes({
      config,
      db: database.db,
      url: () => this.url,
      signalling: false,
    });
    this.media.serve(this.io);
  }

  static async create(config: Config): Promise<MediaNodeProcess> {
    setLogLevel(config.LOG_LEVEL);
    if (config.MEDIA_NODES !== 'registry') {
      throw new ConfigError(
        'MEDIA_NODES: a separate media node needs registry (a shared database)',
      );
    }
    const database = await Database.open({
      dataDir: config.DATA_DIR,
      databaseUrl: config.DATABASE_URL,
    });
    return new MediaNodeProcess(config, database);
  }

  get url(): string {
    const address = this.httpServer.address() as AddressInfo | null;
    const host = this.config.HOST === '0.0.0.0' ? '127.0.0.1' : this.config.HOST;
    return `http://${host}:${address?.port ?? this.config.PORT}`;
  }

  /** Listens first (the announced control URL must answer), then starts media and announces. */
  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(this.config.PORT, this.config.HOST, () => {
        this.httpServer.off('error', reject);
        resolve();
      });
    });
    await this.media.start();
    await this.media.announce();
    const address = this.httpServer.address() as AddressInfo;
    log.info({ node: this.media.nodeId, port: address.port }, 'media node listening');
    return address;
  }

  async close(): Promise<void> {
    await this.media.close();
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    await this.database.close();
  }
}
