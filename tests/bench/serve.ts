/** The real HTTP host over a given data dir, as a child process of the bench. Prints its port. */
import { createApp } from '../../cloud/app';
import { buildHttpHost, LISTEN_BACKLOG } from '../../cloud/hosts/http/server';

async function main() {
  const app = await createApp({ dataDir: process.argv[2], mode: 'dev' });
  const server = await buildHttpHost(app, {});
  await server.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
  const a = server.server.address();
  console.log(`PORT=${typeof a === 'object' && a ? a.port : 0}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
