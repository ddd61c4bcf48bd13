/**
 * `npm run magazine -- import <folder> [--org <orgId>]`
 * Imports one issue folder (issue.json + NN-slug.md) or a folder of them into the app's database: MySQL when
 * DATABASE_URL (or MYSQL_ADDRESS) is set, else SQLite in DATA_DIR (default ./data). Re-importing an issue
 * updates it in place.
 */
import path from 'node:path';
import { REPO_ROOT, createApp } from '../app';
import { issueFolders, readIssueFolder, ImportError } from '../features/magazine/importer';

async function main(argv: string[]) {
  const [cmd, folder, ...rest] = argv;
  const orgIdx = rest.indexOf('--org');
  const orgId = orgIdx >= 0 ? rest[orgIdx + 1] : '150000';
  if (cmd !== 'import' || !folder) {
    console.log('用法：npm run magazine -- import <期刊文件夹> [--org 单位编号]');
    process.exit(cmd ? 1 : 0);
  }
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(REPO_ROOT, 'data'));
  const { store } = await createApp({ dataDir, mode: 'dev', seed: false });
  try {
    if (!(await store.orgs.getById(orgId))) throw new ImportError(`单位 ${orgId} 不存在，请先启动一次应用以载入单位数据`);
    const dirs = issueFolders(path.resolve(folder));
    if (dirs.length === 0) throw new ImportError(`${folder} 中没有找到期刊（issue.json）`);
    for (const dir of dirs) {
      const issue = readIssueFolder(dir, orgId);
      const r = await store.magazine.importIssue(issue, new Date());
      console.log(
        `${r.created ? '已导入' : '已更新'}：${issue.year} 年第 ${issue.number} 期《${issue.title}》，${r.articles} 篇文章，发布时间 ${issue.publishAt.toISOString()}`,
      );
    }
  } catch (e) {
    console.error(e instanceof ImportError ? `导入失败：${e.message}` : e);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

void main(process.argv.slice(2));
