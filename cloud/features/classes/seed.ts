import type { Seeder } from '../../core/seed';
import type { FormField } from '../../contracts/classes';
import type { ClassInput } from './repo';
import { checkClass } from './rules';
import { chinaMidnight } from '../../contracts/china-time';

const DAY = 24 * 3600_000;

const parentFields: FormField[] = [
  { id: 'parent_name', label: '家长姓名', type: 'name', required: true, personal: true },
  { id: 'phone', label: '联系电话', type: 'phone', required: true, personal: true },
];

/** Sample classes, dated relative to the day the seed runs (times are China time: UTC+8). */
const samples: (Omit<ClassInput, 'startsAt' | 'endsAt' | 'regOpensAt' | 'regClosesAt'> & { inDays: number; hour: number; hours: number })[] = [
  {
    orgId: '150105', title: '科学养育：0–3 岁宝宝的睡眠与喂养', topic: '科学养育', teacher: '王丽华（儿科主治医师）',
    description: '讲解婴幼儿作息规律、辅食添加与常见睡眠问题，现场答疑。欢迎爸爸妈妈和祖辈一同参加。',
    venue: { name: '赛罕区向日葵亲子小屋', address: '呼和浩特市赛罕区昭乌达路 88 号', lat: 40.8157, lng: 111.6829 }, onlineUrl: null,
    capacity: 30, ageMin: 0, ageMax: 3, cancelHours: 24, waitlistOpen: true, inDays: 3, hour: 10, hours: 2,
    fields: [...parentFields, { id: 'relation', label: '与孩子关系', type: 'choice', required: true, personal: false, options: ['妈妈', '爸爸', '祖辈', '其他'] }],
  },
  {
    orgId: '150426100', title: '婴幼儿早期发展：在游戏中学习', topic: '婴幼儿早期发展', teacher: '李敏（早教指导师）',
    description: '在向日葵亲子小屋里，和孩子一起做亲子游戏，学习促进语言、动作和社会情感发展的小方法。',
    venue: { name: '乌丹镇向日葵亲子小屋', address: '翁牛特旗乌丹镇全宁街 12 号', lat: 42.9327, lng: 119.0217 }, onlineUrl: null,
    capacity: 12, ageMin: 1, ageMax: 3, cancelHours: 12, waitlistOpen: true, inDays: 5, hour: 9, hours: 2,
    fields: [...parentFields, { id: 'child_months', label: '孩子月龄', type: 'number', required: false, personal: false }],
  },
  {
    orgId: '150100', title: '沟通之道：和青春期孩子好好说话', topic: '青春期沟通', teacher: '赵建国（心理咨询师）',
    description: '面向孩子 12–18 岁的家长：理解青春期的变化，学会倾听与表达，化解亲子冲突。',
    venue: { name: '呼和浩特市计生协培训室', address: '呼和浩特市新城区新华大街 1 号', lat: 40.8426, lng: 111.7492 }, onlineUrl: null,
    capacity: 40, ageMin: 12, ageMax: 18, cancelHours: 48, waitlistOpen: true, inDays: 7, hour: 14, hours: 2,
    fields: [...parentFields, { id: 'concern', label: '最想了解的问题', type: 'text', required: false, personal: false }],
  },
  {
    orgId: '150000', title: '科学养育线上公开课：家庭常见意外伤害预防', topic: '家庭健康', teacher: '张卫东（急诊科医生）',
    description: '线上直播课：烫伤、跌落、误食的预防与家庭急救，全区家长均可报名。',
    venue: null, onlineUrl: 'https://live.example.org/nm-jkjt-01',
    capacity: 500, ageMin: null, ageMax: null, cancelHours: 0, waitlistOpen: false, inDays: 4, hour: 19, hours: 1,
    fields: [{ id: 'phone', label: '联系电话', type: 'phone', required: false, personal: false }],
  },
  {
    orgId: '150404', title: '优生优育讲座：孕前与孕期保健', topic: '优生优育', teacher: '刘春梅（妇产科副主任医师）',
    description: '孕前检查、叶酸补充、孕期营养与运动，准爸爸准妈妈欢迎报名。',
    venue: { name: '松山区计生协活动室', address: '赤峰市松山区玉龙大街 66 号', lat: 42.2863, lng: 118.9332 }, onlineUrl: null,
    capacity: 25, ageMin: null, ageMax: null, cancelHours: null, waitlistOpen: false, inDays: 10, hour: 15, hours: 2,
    fields: parentFields,
  },
  {
    orgId: '150602', title: '沟通之道（第二期）：手机与学习的约定', topic: '青春期沟通', teacher: '高原（中学心理教师）',
    description: '如何与孩子一起制定使用手机的家庭约定，既守规矩又不伤感情。',
    venue: { name: '东胜区家庭发展服务中心', address: '鄂尔多斯市东胜区伊金霍洛西街 20 号', lat: 39.8166, lng: 109.9779 }, onlineUrl: null,
    capacity: 35, ageMin: 10, ageMax: 18, cancelHours: 24, waitlistOpen: true, inDays: 12, hour: 14, hours: 2,
    fields: [...parentFields, { id: 'grade', label: '孩子年级', type: 'choice', required: true, personal: false, options: ['小学', '初中', '高中'] }],
  },
  {
    orgId: '150121100', title: '婴幼儿早期发展：绘本共读入门', topic: '婴幼儿早期发展', teacher: '孟娜（图书馆亲子阅读推广人）',
    description: '挑选绘本、读给孩子听的小技巧，每个家庭可带走一本绘本。',
    venue: { name: '察素齐镇向日葵亲子小屋', address: '土默特左旗察素齐镇团结路 5 号', lat: 40.7291, lng: 111.1433 }, onlineUrl: null,
    capacity: 15, ageMin: 0, ageMax: 6, cancelHours: 24, waitlistOpen: true, inDays: 15, hour: 10, hours: 1.5,
    fields: parentFields,
  },
  {
    orgId: '150400', title: '科学养育：儿童营养与体重管理', topic: '科学养育', teacher: '何静（营养师）',
    description: '学龄儿童的一日三餐怎么搭配，如何预防肥胖和挑食。',
    venue: { name: '赤峰市妇幼保健院报告厅', address: '赤峰市红山区昭乌达路 9 号', lat: 42.2579, lng: 118.8869 }, onlineUrl: null,
    capacity: 60, ageMin: 3, ageMax: 12, cancelHours: 24, waitlistOpen: true, inDays: 20, hour: 9, hours: 2,
    fields: [...parentFields, { id: 'children', label: '孩子人数', type: 'number', required: false, personal: false }],
  },
  {
    orgId: '150105', title: '科学养育：上一期回顾（已结束）', topic: '科学养育', teacher: '王丽华（儿科主治医师）',
    description: '往期课程。', venue: { name: '赛罕区向日葵亲子小屋', address: '呼和浩特市赛罕区昭乌达路 88 号', lat: 40.8157, lng: 111.6829 }, onlineUrl: null,
    capacity: 20, ageMin: null, ageMax: null, cancelHours: 24, waitlistOpen: true, inDays: -10, hour: 10, hours: 2,
    fields: parentFields,
  },
];

export const classesSeeder: Seeder = {
  name: 'classes',
  async run(store, _seeds, now) {
    // Midnight China time of the seed day.
    const day0 = chinaMidnight(now);
    for (const { inDays, hour, hours, ...c } of samples) {
      const start = day0 + inDays * DAY + hour * 3600_000;
      const cls: ClassInput = {
        ...c,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + hours * 3600_000).toISOString(),
        regOpensAt: new Date(Math.min(now.getTime(), start - 14 * DAY) - DAY).toISOString(),
        regClosesAt: new Date(start - 2 * 3600_000).toISOString(),
      };
      checkClass(cls);
      await store.classes.create(cls, 0, now);
    }
  },
};
