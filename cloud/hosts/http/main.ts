import path from 'node:path';
import { createApp, modeFromEnv, REPO_ROOT, storeChoiceFromEnv } from '../../app';
import { buildHttpHost, LISTEN_BACKLOG } from './server';
import { wechatGatewayFromEnv } from '../../adapters/wechat';
import { parseTemplateConfigs } from '../../features/notify/templates';

/** `npm start` / `npm run serve`: the API and the H5 build on one port. */
async function main() {
  const mode = modeFromEnv();
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(REPO_ROOT, 'data'));
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || '0.0.0.0';
  const store = storeChoiceFromEnv(process.env, dataDir);
  const app = await createApp({ dataDir, mode, store });
  const server = await buildHttpHost(app, {
    staticDir: path.join(REPO_ROOT, 'dist', 'h5'),
    trustWxOpenidHeader: process.env.TRUST_WX_OPENID_HEADER === '1',
    wechat: wechatGatewayFromEnv(process.env),
    subscribeTemplates: parseTemplateConfigs(process.env.WX_SUBSCRIBE_TEMPLATES),
  });
  await server.listen({ port, host, backlog: LISTEN_BACKLOG });
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  const where = store.engine === 'mysql' ? `MySQL ${store.config.host}:${store.config.port}/${store.config.database}` : `SQLite，数据目录 ${dataDir}`;
  console.log(`会员之家已启动（${mode === 'dev' ? '开发模式' : '正式模式'}，${where}）`);
  console.log(`打开 http://${shown}:${port}/`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error('启动失败：', error);
  process.exit(1);
});
