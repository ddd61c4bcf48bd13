/**
 * The notify feature's rules without a database: WeChat's field rules for template data, the retry policy and
 * the 活动提醒 schedule, and the template configuration.
 */
import { cutText, FIELD_RULES, shapeTemplateData, TemplateDataError, wechatTime } from '../../cloud/features/notify/template-data';
import { backoffMs, MAX_ATTEMPTS, nextStep } from '../../cloud/features/notify/retry';
import { eventReminderAt } from '../../cloud/features/notify/messages';
import { parseTemplateConfigs } from '../../cloud/features/notify/templates';

test('thing: at most 20 characters, cut at a character with “…”, never inside an emoji, a space or an open 《', () => {
  expect(shapeTemplateData({ thing1: '科学育儿讲座' })).toEqual({ thing1: { value: '科学育儿讲座' } });
  const long = '家庭教育与亲子沟通的艺术如何陪伴孩子度过青春期的烦恼';
  const cut = shapeTemplateData({ thing1: long }).thing1.value;
  expect(Array.from(cut)).toHaveLength(20);
  expect(cut).toBe(`${Array.from(long).slice(0, 19).join('')}…`);
  // Emoji and line breaks cannot be sent: removed, the rest kept.
  expect(shapeTemplateData({ thing2: '亲子\n阅读😀会' }).thing2.value).toBe('亲子 阅读会');
  // A cut that would end on an opening mark or a space drops it; a half 《 pair loses its mark.
  expect(cutText('一二三四五六七八九十一二三四五六七八《九十》', 20)).toBe('一二三四五六七八九十一二三四五六七八…');
  expect(cutText('课程《家庭教育与亲子沟通的艺术入门与提高》', 20)).toBe('课程家庭教育与亲子沟通的艺术入门与提…');
  expect(() => shapeTemplateData({ thing1: '  \n ' })).toThrow(TemplateDataError);
});

test('time in WeChat’s format (China time); other types checked, a bad value caught before sending', () => {
  expect(wechatTime('2026-12-04T02:00:00.000Z')).toBe('2026年12月4日 10:00');
  expect(wechatTime('2026-12-31T16:30:00.000Z')).toBe('2027年1月1日 00:30');
  expect(shapeTemplateData({ time2: '2026年12月4日 10:00' }).time2.value).toBe('2026年12月4日 10:00');
  expect(shapeTemplateData({ time2: '2026年12月4日 10:00~2026年12月4日 12:00' }).time2.value).toContain('~');
  expect(() => shapeTemplateData({ time2: '2026-12-04T02:00:00Z' })).toThrow(/time2/);
  expect(() => shapeTemplateData({ phrase3: '候补成功已保留' })).toThrow(/phrase3/);
  expect(shapeTemplateData({ phrase3: '已确认' }).phrase3.value).toBe('已确认');
  expect(() => shapeTemplateData({ number4: '12a' })).toThrow(/number4/);
  expect(() => shapeTemplateData({ weird5: 'x' })).toThrow(/不认识/);
  expect(() => FIELD_RULES.character_string.shape('a'.repeat(33), 'character_string1')).toThrow(/32/);
  expect(() => FIELD_RULES.name.shape('王其其格其其格其其格其', 'name1')).toThrow(TemplateDataError);
});

test('retries: system errors with growing pauses up to the limit; WeChat’s refusals of the message are final', () => {
  const t = new Date('2026-12-01T00:00:00Z');
  expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
  expect(nextStep({ kind: 'unavailable', code: 'HTTP_503', message: '' }, 1, t)).toEqual({ final: false, retryAt: new Date(t.getTime() + 60_000) });
  expect(nextStep({ kind: 'wechat', errcode: -1, errmsg: 'system busy' }, 2, t)).toEqual({ final: false, retryAt: new Date(t.getTime() + 120_000) });
  expect(nextStep({ kind: 'unavailable', code: 'NETWORK', message: '' }, MAX_ATTEMPTS, t)).toEqual({ final: true });
  for (const errcode of [43101, 47003, 40003, 40037]) expect(nextStep({ kind: 'wechat', errcode, errmsg: '' }, 1, t)).toEqual({ final: true });
});

test('活动提醒: a day before the start, at once when later than that, none once started', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  expect(eventReminderAt('2026-12-05T02:00:00Z', now)).toEqual(new Date('2026-12-04T02:00:00Z'));
  expect(eventReminderAt('2026-12-01T10:00:00Z', now)).toEqual(now);
  expect(eventReminderAt('2026-11-30T10:00:00Z', now)).toBeNull();
});

test('WX_SUBSCRIBE_TEMPLATES: keys default to thing1 / time2 / thing3; malformed configuration is refused with the reason', () => {
  expect(parseTemplateConfigs(undefined)).toEqual({});
  expect(parseTemplateConfigs('{"class_promoted":{"id":"AbC-1_x","keys":{"note":"phrase4"}}}')).toEqual({
    class_promoted: { templateId: 'AbC-1_x', keys: { title: 'thing1', time: 'time2', note: 'phrase4' } },
  });
  expect(() => parseTemplateConfigs('{')).toThrow('不是有效的 JSON');
  expect(() => parseTemplateConfigs('{"class_promoted":{"id":"有空格 的"}}')).toThrow('WX_SUBSCRIBE_TEMPLATES 有误');
  expect(() => parseTemplateConfigs('{"nope":{"id":"x"}}')).toThrow('WX_SUBSCRIBE_TEMPLATES 有误');
});
