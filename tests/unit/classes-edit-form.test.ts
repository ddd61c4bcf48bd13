import { draftOf, fromLocal, move, newField, payloadOf, toLocal, type ClassDraft } from '../../src/packages/admin/classes/form';
import { parseSubscribeTemplates } from '../../cloud/contracts/classes-format';
import { classPublishInput } from '../../cloud/contracts/classes';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const good = (over: Partial<ClassDraft> = {}): ClassDraft => ({
  ...draftOf(null, NOW),
  title: '科学养育——睡眠与喂养',
  teacher: '王老师',
  venueName: '向日葵亲子小屋',
  ...over,
});

test('a new draft turns into a payload the API schema accepts, with default form fields', () => {
  const { errors, payload } = payloadOf(good());
  expect(errors).toEqual([]);
  expect(classPublishInput.safeParse({ orgId: '150100', ...payload }).success).toBe(true);
  expect(payload!.fields.map((f) => f.id)).toEqual(['parent_name', 'phone']);
  expect(payload!.regOpensAt).toBe(NOW.toISOString());
  expect(Date.parse(payload!.regClosesAt)).toBe(Date.parse(payload!.startsAt) - 3600_000);
  expect(payload!.cancelHours).toBe(24);
  expect(payload!.venue).toEqual({ name: '向日葵亲子小屋', address: '', lat: null, lng: null });
  expect(payload!.onlineUrl).toBeNull();
});

test('custom fields (single choice with options), age range, coordinates, online link and rules reach the payload', () => {
  const f = newField(good().fields);
  expect(f.id).toBe('q1');
  const { errors, payload } = payloadOf(
    good({
      mode: 'both',
      venueName: '向日葵亲子小屋',
      venueAddress: '新华大街 1 号',
      lat: '40.842400',
      lng: '111.749000',
      onlineUrl: 'https://live.example.org/1',
      ageMin: '0',
      ageMax: '6',
      cancelAllowed: false,
      waitlistOpen: false,
      fields: [
        ...good().fields,
        { ...f, label: '孩子性别', type: 'choice', required: true, options: [' 男孩 ', '女孩'] },
        { id: 'q2', label: '孩子人数', type: 'number', required: false, personal: false, options: [] },
        { id: 'q3', label: '家庭住址', type: 'text', required: false, personal: true, options: [] },
        { id: 'q4', label: '妈妈', type: 'name', required: false, personal: false, options: [] },
      ],
    }),
  );
  expect(errors).toEqual([]);
  expect(payload).toMatchObject({
    venue: { name: '向日葵亲子小屋', lat: 40.8424, lng: 111.749 },
    onlineUrl: 'https://live.example.org/1',
    ageMin: 0,
    ageMax: 6,
    cancelHours: null,
    waitlistOpen: false,
  });
  expect(payload!.fields[2]).toEqual({ id: 'q1', label: '孩子性别', type: 'choice', required: true, personal: false, options: ['男孩', '女孩'] });
  expect(payload!.fields[3]).toEqual({ id: 'q2', label: '孩子人数', type: 'number', required: false, personal: false });
  // The organiser's tick makes a field personal; a name or phone kind is personal whatever the tick says.
  expect(payload!.fields[4]).toMatchObject({ label: '家庭住址', personal: true });
  expect(payload!.fields[5]).toMatchObject({ type: 'name', personal: true });
  expect(payload!.fields.slice(0, 2).map((x) => [x.type, x.personal])).toEqual([
    ['name', true],
    ['phone', true],
  ]);
  expect(classPublishInput.safeParse({ orgId: '150100', ...payload }).success).toBe(true);
});

test('every mistake gets its own clear message', () => {
  const msgs = (over: Partial<ClassDraft>) => payloadOf(good(over)).errors;
  expect(msgs({ title: ' ' })).toEqual(['请填写课程名称']);
  expect(msgs({ venueName: '' })).toEqual(['请填写上课地点名称']);
  expect(msgs({ venueName: 'x', lat: '95', lng: '111' })).toEqual(['纬度请填写 -90 到 90 之间的数字，如 40.8424']);
  expect(msgs({ venueName: 'x', lat: '40', lng: '181' })).toEqual(['经度请填写 -180 到 180 之间的数字，如 111.7490']);
  expect(msgs({ venueName: 'x', lat: '40', lng: '' })).toEqual(['纬度和经度要一起填写（或都不填）']);
  expect(msgs({ venueName: 'x', lat: 'abc', lng: '1' })).toEqual(['纬度请填写 -90 到 90 之间的数字，如 40.8424']);
  expect(msgs({ mode: 'online', onlineUrl: 'live.example.org' })).toEqual(['线上链接请以 http:// 或 https:// 开头']);
  expect(msgs({ venueName: 'x', ageMin: '7', ageMax: '3' })).toEqual(['孩子年龄范围不正确：最小年龄大于最大年龄']);
  expect(msgs({ venueName: 'x', ageMin: '19' })).toEqual(['孩子最小年龄请填写 0 到 18 之间的整数']);
  expect(msgs({ venueName: 'x', capacity: '0' })).toEqual(['名额请填写 1 到 10000 之间的整数']);
  expect(msgs({ venueName: 'x', cancelHours: '-1' })).toEqual(['可取消的时限请填写 0 到 720 之间的整数小时']);
  expect(msgs({ venueName: 'x', cancelAllowed: false, cancelHours: 'x' })).toEqual([]);
  expect(msgs({ venueName: 'x', startsAt: '12月5日' })).toEqual(['请选择开课日期和时间']);
  expect(msgs({ venueName: 'x', regClosesAt: '2026-12-30 10:00' })).toEqual(['报名截止时间不能晚于开课时间']);
  expect(msgs({ venueName: 'x', regOpensAt: '2026-12-08 09:30', regClosesAt: '2026-12-08 09:00' })).toEqual(['报名截止时间须晚于报名开始时间']);
  const choice = (options: string[]) =>
    msgs({ venueName: 'x', fields: [{ id: 'q1', label: '性别', type: 'choice', required: true, personal: false, options }] });
  expect(choice(['男孩'])).toEqual(['“性别”是单选，至少要有 2 个选项']);
  expect(choice(['男孩', ''])).toEqual(['“性别”有空白的选项，请填写或删除']);
  expect(choice(['男孩', '男孩'])).toEqual(['“性别”的选项有重复']);
  expect(msgs({ venueName: 'x', fields: [{ id: 'q1', label: '', type: 'text', required: false, personal: false, options: [] }] })).toEqual([
    '请填写第 1 个报名字段的名称',
  ]);
  expect(payloadOf(good({ title: '' })).payload).toBeNull();
});

test('each mistake is also filed under the field it is about, so the form shows it there', () => {
  const at = (over: Partial<ClassDraft>) => payloadOf(good(over)).fieldErrors;
  expect(at({ title: ' ', venueName: '' })).toEqual({ title: '请填写课程名称', venueName: '请填写上课地点名称' });
  expect(at({ venueName: 'x', lat: '95', lng: '111' })).toEqual({ lat: '纬度请填写 -90 到 90 之间的数字，如 40.8424' });
  expect(at({ venueName: 'x', regClosesAt: '2026-12-30 10:00' })).toEqual({ regClosesAt: '报名截止时间不能晚于开课时间' });
  expect(at({ venueName: 'x', fields: [{ id: 'q1', label: '性别', type: 'choice', required: true, personal: false, options: ['男孩'] }] })).toEqual({
    field_options_0: '“性别”是单选，至少要有 2 个选项',
  });
  expect(at({ venueName: 'x' })).toEqual({});
});

test('fields reorder; times round-trip in China time; an existing class becomes its draft', () => {
  expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
  expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  expect(toLocal('2026-12-05T02:00:00.000Z')).toBe('2026-12-05 10:00');
  expect(fromLocal('2026-12-05 10:00')).toBe('2026-12-05T02:00:00.000Z');
  expect(fromLocal('2026-02-30 10:00')).toBeNull();
  expect(fromLocal('2026-12-05 25:00')).toBeNull();
  const { payload } = payloadOf(good({ venueName: 'x', lat: '40.5', lng: '111.5', ageMin: '3', cancelHours: '12' }));
  const detail = {
    ...payload!,
    id: 1,
    org: { id: '150100', name: '', level: 2 },
    confirmedCount: 0,
    waitlistCount: 0,
    registration: 'open',
    myStatus: null,
    myRegistration: null,
    prefill: { childAge: null, answers: {} },
  };
  const back = draftOf(detail as never, NOW);
  expect(payloadOf(back).payload).toEqual(payload);
});

test('subscribe-message template configuration: "kind:id" pairs, anything else ignored', () => {
  expect(parseSubscribeTemplates('')).toEqual([]);
  expect(parseSubscribeTemplates(undefined)).toEqual([]);
  expect(parseSubscribeTemplates(' class_promoted:AbC-12_x , class_reminder:Zz9 ')).toEqual([
    { kind: 'class_promoted', templateId: 'AbC-12_x' },
    { kind: 'class_reminder', templateId: 'Zz9' },
  ]);
  expect(parseSubscribeTemplates('other:X,class_promoted:,class_reminder:bad id,class_promoted:A,class_promoted:B')).toEqual([
    { kind: 'class_promoted', templateId: 'A' },
  ]);
});
