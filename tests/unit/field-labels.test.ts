import { CLASS_FIELD_LABELS, EVENT_FIELD_LABELS, labelOf, readableRefusal } from '../../cloud/contracts/field-labels';

test('an API refusal named by its schema key is placed on that field and shown without the key', () => {
  expect(readableRefusal(EVENT_FIELD_LABELS, 'title：标题最多 60 个字')).toEqual({ field: 'title', text: '标题最多 60 个字' });
  expect(readableRefusal(EVENT_FIELD_LABELS, 'venue.radius：签到范围至少 20 米')).toEqual({ field: 'venue.radius', text: '签到范围至少 20 米' });
  // A Chinese message that does not name the field gets the label in front of it.
  expect(readableRefusal(EVENT_FIELD_LABELS, 'startsAt：时间格式不正确')).toEqual({ field: 'startsAt', text: '开始时间：时间格式不正确' });
});

test("a schema's English default becomes the field's Chinese label; an unknown key never shows", () => {
  expect(readableRefusal(EVENT_FIELD_LABELS, 'points：Too big: expected number to be <=1000')).toEqual({ field: 'points', text: '签到积分填写不正确，请检查' });
  const unknown = readableRefusal(EVENT_FIELD_LABELS, 'realName：姓名最多 20 个字');
  expect(unknown).toEqual({ field: null, text: '姓名最多 20 个字' });
  expect(JSON.stringify(unknown)).not.toMatch(/realName/);
});

test('list paths match their pattern; plain Chinese refusals are placed by the label they start with', () => {
  expect(labelOf(CLASS_FIELD_LABELS, 'fields.2.label')).toBe('报名字段名称');
  expect(readableRefusal(CLASS_FIELD_LABELS, 'fields.1.options：单选至少要有 2 个选项')).toEqual({
    field: 'fields.1.options',
    text: '报名字段选项：单选至少要有 2 个选项',
  });
  expect(readableRefusal(EVENT_FIELD_LABELS, '签到开始时间须早于签到截止时间')).toEqual({ field: 'checkinOpensAt', text: '签到开始时间须早于签到截止时间' });
  expect(readableRefusal(EVENT_FIELD_LABELS, '您不能管理这个单位')).toEqual({ field: null, text: '您不能管理这个单位' });
});

test('a refusal that carries its field path is placed by it, in the words the API chose', () => {
  expect(readableRefusal(EVENT_FIELD_LABELS, '签到范围至少 20 米', 'venue.radius')).toEqual({ field: 'venue.radius', text: '签到范围至少 20 米' });
  expect(readableRefusal(CLASS_FIELD_LABELS, '名称：不能为空', 'fields.1.label')).toEqual({ field: 'fields.1.label', text: '名称：不能为空' });
});
