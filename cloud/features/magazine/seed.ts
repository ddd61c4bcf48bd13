import path from 'node:path';
import type { Seeder } from '../context';
import { issueFolders, readIssueFolder } from './importer';

/** The sample issues of seeds/magazine, published by the 自治区 association, through the same importer as the CLI. */
export const MAGAZINE_SEED_ORG = '150000';

export const magazineSeeder: Seeder = {
  name: 'magazine',
  async run(store, seeds, now) {
    if (!seeds.exists('magazine')) return;
    for (const dir of issueFolders(path.join(seeds.dir, 'magazine'))) {
      await store.magazine.importIssue(readIssueFolder(dir, MAGAZINE_SEED_ORG), now);
    }
  },
};
