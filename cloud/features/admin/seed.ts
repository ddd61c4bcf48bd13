import type { Seeder } from '../context';

/** Demo admins with known dev openids (listed in the README). Production grants use `npm run admin`. */
export const adminSeeder: Seeder = {
  name: 'demo-admins',
  async run(store, seeds, now) {
    const admins = seeds.readJson<{ openid: string; nickname: string; orgId: string }[]>('admins.json');
    for (const a of admins) {
      await store.members.findOrCreateByOpenid(a.openid, a.nickname);
      await store.admins.grant(a.openid, a.orgId, now);
    }
  },
};
