/**
 * Admin grants for real deployments:
 *   npm run admin -- grant <openid> <orgId>
 *   npm run admin -- revoke <openid> [orgId]
 *   npm run admin -- list
 * Works on the database the host uses: MySQL when DATABASE_URL (or MYSQL_ADDRESS …) is set, else SQLite in
 * DATA_DIR (default ./data).
 */
import path from 'node:path';
import { createApp, REPO_ROOT, type StoreChoice } from '../app';

/** `store` defaults to the environment's choice (see app.ts storeChoiceFromEnv). */
export async function adminCli(argv: string[], dataDir: string, print: (line: string) => void = console.log, store?: StoreChoice): Promise<number> {
  const [command, openid, orgId] = argv;
  const app = await createApp({ dataDir, mode: 'production', store });
  try {
    const { store } = app;
    if (command === 'grant' && openid && orgId) {
      const org = await store.orgs.getById(orgId);
      if (!org) {
        print(`单位 ${orgId} 不存在。可用 org.tree 查看单位编号。`);
        return 2;
      }
      await store.admins.grant(openid, orgId, new Date());
      print(`已授权：${openid} 现在是“${org.name}”（${orgId}）及其下级单位的管理员。`);
      return 0;
    }
    if (command === 'revoke' && openid) {
      const n = await store.admins.revoke(openid, orgId);
      print(n ? `已撤销 ${openid} 的 ${n} 项管理员授权。` : `${openid} 没有${orgId ? `单位 ${orgId} 的` : ''}管理员授权。`);
      return n ? 0 : 1;
    }
    if (command === 'list') {
      const grants = await store.admins.list();
      if (!grants.length) print('还没有管理员授权。');
      for (const g of grants) print(`${g.openid}\t${g.orgId}\t${g.orgName}\t${g.grantedAt}`);
      return 0;
    }
    print('用法：npm run admin -- grant <openid> <orgId> | revoke <openid> [orgId] | list');
    return 2;
  } finally {
    await app.store.close();
  }
}

if (require.main === module) {
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(REPO_ROOT, 'data'));
  adminCli(process.argv.slice(2), dataDir).then((code) => process.exit(code));
}
