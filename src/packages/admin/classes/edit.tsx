import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import { CLASS_TOPICS } from '@contracts/classes-format';
import { CLASS_FIELD_LABELS as L, readableRefusal } from '@contracts/field-labels';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call, ApiCallError } from '../../../services/api';
import { draftOf, FIELD_TYPES, MAX_FIELDS, move, newField, payloadOf, personalIsFixed, type ClassDraft, type FieldDraft, type PlaceMode } from './form';
import DateTimeField from '../components/form/date-time-field';
import MarkdownField from '../components/form/markdown-field';
import { Field, FieldError, FormError } from '../components/form/field';
import '../../classes/classes.css';
import Screen from '../../../components/screen';

/** API payload paths -> the draft field that shows their refusal. */
const DRAFT_FIELD_OF: Record<string, keyof ClassDraft> = {
  'venue.name': 'venueName',
  'venue.address': 'venueAddress',
  'venue.lat': 'lat',
  'venue.lng': 'lat',
  endsAt: 'hours',
};

const canLocate = process.env.TARO_ENV === 'weapp' || (typeof navigator !== 'undefined' && 'geolocation' in navigator);

/** Chips as a large-target single choice. */
function Choice<T extends string | boolean>(props: { options: { value: T; label: string }[]; value: T; onChange: (v: T) => void; name: string }) {
  return (
    <View className="chips">
      {props.options.map((o) => (
        <Text
          key={String(o.value)}
          className={`chip ${props.value === o.value ? 'chip--on' : ''}`}
          data-name={props.name}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}

/** Publish or edit a class of my organisation (times in China time). */
export default function AdminClassEditPage() {
  const id = Number(useRouter().params.id) || 0;
  const me = useAction('member.me', {});
  const existing = useAction('class.get', { classId: id || 1 }, { enabled: id > 0 });
  const [d, setD] = useState<ClassDraft>(() => draftOf(null, new Date()));
  // By draft field (see payloadOf); '' for what belongs to no field.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fail = (field: string, text: string) => setErrors({ [field]: text });
  const [locating, setLocating] = useState(false);
  const c = id ? existing.data : undefined;
  // The API refuses a changed form once parents have registered; say so instead of offering the editors.
  const fieldsLocked = !!c && c.confirmedCount + c.waitlistCount > 0;

  // The draft starts from the class once it has loaded (not again on each reload of the same class).
  const [draftedFor, setDraftedFor] = useState<number>();
  if (c && c.id !== draftedFor) {
    setDraftedFor(c.id);
    setD(draftOf(c, new Date()));
  }

  const set = <K extends keyof ClassDraft>(k: K, v: ClassDraft[K]) => setD((s) => ({ ...s, [k]: v }));
  const text = (k: keyof ClassDraft) => (e: { detail: { value: string } }) => set(k, e.detail.value as never);
  const setField = (i: number, patch: Partial<FieldDraft>) => setD((s) => ({ ...s, fields: s.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  const setFields = (fields: FieldDraft[]) => setD((s) => ({ ...s, fields }));

  const locate = async () => {
    setLocating(true);
    try {
      const r = await Taro.getLocation({ type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84' });
      setD((s) => ({ ...s, lat: r.latitude.toFixed(6), lng: r.longitude.toFixed(6) }));
      setErrors({});
    } catch {
      fail('lat', '没有取到当前位置：请在设置中允许定位，或直接填写纬度和经度');
    } finally {
      setLocating(false);
    }
  };

  const save = async () => {
    const { fieldErrors, payload } = payloadOf(d);
    setErrors(fieldErrors);
    if (!payload) {
      Taro.showToast({ title: '请按红字修改', icon: 'none' });
      return;
    }
    try {
      if (id) {
        const { fields, ...rest } = payload;
        await call('class.admin.update', { classId: id, ...rest, ...(fieldsLocked ? {} : { fields }) }, { loading: '正在保存', quiet: true });
      } else {
        const orgId = me.data?.adminOrgs[0]?.id;
        if (!orgId) return fail('', '您不是协会管理员，不能发布课堂');
        await call('class.admin.publish', { orgId, ...payload }, { loading: '正在发布', quiet: true });
      }
      Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 500);
    } catch (e) {
      const r = readableRefusal(L, (e as ApiCallError).message, (e as ApiCallError).field);
      const field = r.field
        ? (DRAFT_FIELD_OF[r.field] ??
          r.field.replace(/^fields\.(\d+)\.(label|options).*$/, (_, i, k) => (k === 'label' ? `field_label_${i}` : `field_options_${i}`)))
        : '';
      fail(field, r.text);
    }
  };

  const input = (k: keyof ClassDraft, label: string, placeholder = '', type: 'text' | 'number' | 'digit' = 'text', hint = '') => (
    <Field name={k} label={label} hint={hint} error={errors[k]}>
      <Input
        className="field-input"
        name={k}
        nativeProps={{ 'aria-label': label }}
        type={type}
        value={String(d[k])}
        placeholder={placeholder}
        onInput={text(k)}
      />
    </Field>
  );
  const time = (k: 'startsAt' | 'regOpensAt' | 'regClosesAt', label: string, hint?: string) => (
    <DateTimeField name={k} label={label} hint={hint} value={d[k]} onChange={(v) => set(k, v)} error={errors[k]} />
  );

  const form = (
    <View>
      <View className="card">
        <Text className="card-title">课程信息</Text>
        {input('title', L.title, '如：科学养育——睡眠与喂养')}
        <View className="field">
          <Text className="field-label">主题</Text>
          <Choice name="topic" options={CLASS_TOPICS.map((t) => ({ value: t as string, label: t }))} value={d.topic} onChange={(v) => set('topic', v)} />
        </View>
        {input('teacher', L.teacher)}
        <MarkdownField
          name="description"
          label={L.description}
          value={d.description}
          maxlength={2000}
          error={errors.description}
          onChange={(v) => set('description', v)}
        />
      </View>

      <View className="card">
        <Text className="card-title">上课地点</Text>
        <Choice<PlaceMode>
          name="mode"
          options={[
            { value: 'venue', label: '线下场地' },
            { value: 'online', label: '线上课堂' },
            { value: 'both', label: '线下 + 线上直播' },
          ]}
          value={d.mode}
          onChange={(v) => set('mode', v)}
        />
        {d.mode !== 'online' && (
          <View>
            {input('venueName', L['venue.name'], '如：向日葵亲子小屋')}
            {input('venueAddress', `${L['venue.address']}（选填）`, '如：新华大街 1 号')}
            <Field name="lat" label="地图位置（选填，用于“离我近的课堂”）" error={errors.lat}>
              <View className="latlng">
                <Input className="field-input latlng__input" name="lat" type="digit" value={d.lat} placeholder="纬度，如 40.8424" onInput={text('lat')} />
                <Input className="field-input latlng__input" name="lng" type="digit" value={d.lng} placeholder="经度，如 111.7490" onInput={text('lng')} />
              </View>
              {canLocate && (
                <Button className="btn-plain btn-locate" disabled={locating} onClick={locate}>
                  {locating ? '正在定位…' : '使用当前位置'}
                </Button>
              )}
            </Field>
          </View>
        )}
        {d.mode !== 'venue' && input('onlineUrl', L.onlineUrl, 'https://')}
      </View>

      <View className="card">
        <Text className="card-title">时间（北京时间）</Text>
        {time('startsAt', L.startsAt)}
        {input('hours', `${L.endsAt}（小时）`, '2', 'digit')}
        {time('regOpensAt', L.regOpensAt)}
        {time('regClosesAt', L.regClosesAt, '截止时间不能晚于开课时间')}
      </View>

      <View className="card">
        <Text className="card-title">名额与报名规则</Text>
        {input('capacity', L.capacity, '30', 'number')}
        <Field name="ageMin" label="孩子年龄范围（岁，选填）" error={errors.ageMin ?? errors.ageMax}>
          <View className="latlng">
            <Input
              className="field-input latlng__input"
              name="ageMin"
              nativeProps={{ 'aria-label': '孩子最小年龄' }}
              type="number"
              value={d.ageMin}
              placeholder="最小，如 0"
              onInput={text('ageMin')}
            />
            <Text className="latlng__sep">至</Text>
            <Input
              className="field-input latlng__input"
              name="ageMax"
              nativeProps={{ 'aria-label': '孩子最大年龄' }}
              type="number"
              value={d.ageMax}
              placeholder="最大，如 6"
              onInput={text('ageMax')}
            />
          </View>
          <Text className="field-hint">填写后，家长报名时要填孩子年龄，不在范围内的不能报名</Text>
        </Field>
        <Field name="cancelHours" label="取消报名" error={errors.cancelHours}>
          <Choice
            name="cancel"
            options={[
              { value: true, label: '开课前可以取消' },
              { value: false, label: '报名后不能取消' },
            ]}
            value={d.cancelAllowed}
            onChange={(v) => set('cancelAllowed', v)}
          />
          {d.cancelAllowed && (
            <View className="latlng">
              <Text className="latlng__sep">开课前</Text>
              <Input
                className="field-input latlng__input"
                name="cancelHours"
                nativeProps={{ 'aria-label': '开课前多少小时之前可以取消' }}
                type="number"
                value={d.cancelHours}
                onInput={text('cancelHours')}
              />
              <Text className="latlng__sep">小时之前</Text>
            </View>
          )}
        </Field>
        <View className="field">
          <Text className="field-label">满员以后</Text>
          <Choice
            name="waitlist"
            options={[
              { value: true, label: '开放候补' },
              { value: false, label: '不设候补' },
            ]}
            value={d.waitlistOpen}
            onChange={(v) => set('waitlistOpen', v)}
          />
        </View>
      </View>

      <View className="card">
        <Text className="card-title">报名表</Text>
        {fieldsLocked ? (
          <View>
            <Text className="field-hint">已有家长报名，报名表不能再修改。</Text>
            {d.fields.map((f) => (
              <Text key={f.id} className="detail-row">
                · {f.label}（{FIELD_TYPES.find((t) => t.type === f.type)?.label}
                {f.type === 'choice' ? `：${f.options.join('、')}` : ''}，{f.required ? '必填' : '选填'}
                {f.personal ? '，个人信息' : ''}）
              </Text>
            ))}
          </View>
        ) : (
          <View>
            {d.fields.map((f, i) => (
              <View key={f.id} className="field-editor">
                <View className="field-editor__head">
                  <Text className="field-editor__no">第 {i + 1} 项</Text>
                  <Text className="link-btn" onClick={() => setFields(move(d.fields, i, -1))}>
                    上移
                  </Text>
                  <Text className="link-btn" onClick={() => setFields(move(d.fields, i, 1))}>
                    下移
                  </Text>
                  <Text className="link-btn link-btn--danger" onClick={() => setFields(d.fields.filter((_, j) => j !== i))}>
                    删除
                  </Text>
                </View>
                <Input
                  className="field-input"
                  name={`field_label_${i}`}
                  nativeProps={{ 'aria-label': `第 ${i + 1} 项的名称` }}
                  value={f.label}
                  maxlength={20}
                  placeholder="字段名称，如：孩子性别"
                  onInput={(e) => setField(i, { label: e.detail.value })}
                />
                <FieldError name={`field_label_${i}`} aria-label={`第 ${i + 1} 项的名称`} message={errors[`field_label_${i}`]} />
                <Choice
                  name={`field_type_${i}`}
                  options={FIELD_TYPES.map((t) => ({ value: t.type as string, label: t.label }))}
                  value={f.type}
                  onChange={(v) => {
                    const type = v as FieldDraft['type'];
                    setField(i, {
                      type,
                      personal: personalIsFixed(type) || f.personal,
                      options: v === 'choice' && f.options.length < 2 ? ['', ''] : f.options,
                    });
                  }}
                />
                {f.type === 'choice' && (
                  <View className="field-editor__options">
                    {f.options.map((o, j) => (
                      <View key={j} className="latlng">
                        <Input
                          className="field-input latlng__input"
                          name={`field_option_${i}_${j}`}
                          nativeProps={{ 'aria-label': `第 ${i + 1} 项的选项 ${j + 1}` }}
                          value={o}
                          maxlength={20}
                          placeholder={`选项 ${j + 1}`}
                          onInput={(e) => setField(i, { options: f.options.map((x, k) => (k === j ? e.detail.value : x)) })}
                        />
                        <Text className="link-btn link-btn--danger" onClick={() => setField(i, { options: f.options.filter((_, k) => k !== j) })}>
                          删除
                        </Text>
                      </View>
                    ))}
                    {f.options.length < 10 && (
                      <Text className="link-btn" onClick={() => setField(i, { options: [...f.options, ''] })}>
                        ＋ 添加选项
                      </Text>
                    )}
                  </View>
                )}
                <FieldError name={`field_options_${i}`} message={errors[`field_options_${i}`]} />
                <Choice
                  name={`field_required_${i}`}
                  options={[
                    { value: true, label: '必填' },
                    { value: false, label: '选填' },
                  ]}
                  value={f.required}
                  onChange={(v) => setField(i, { required: v })}
                />
                {personalIsFixed(f.type) ? (
                  <Text className="field-hint">姓名、手机号属于个人信息：名单中打码显示，家长须先同意《个人信息保护说明》。</Text>
                ) : (
                  <Choice
                    name={`field_personal_${i}`}
                    options={[
                      { value: false, label: '一般信息' },
                      { value: true, label: '个人信息（名单中打码）' },
                    ]}
                    value={f.personal}
                    onChange={(v) => setField(i, { personal: v })}
                  />
                )}
              </View>
            ))}
            {d.fields.length < MAX_FIELDS ? (
              <Button className="btn-plain" onClick={() => setFields([...d.fields, newField(d.fields)])}>
                添加报名字段
              </Button>
            ) : (
              <Text className="field-hint">报名表最多 {MAX_FIELDS} 项</Text>
            )}
          </View>
        )}
      </View>

      <FieldError name="fields" message={errors.fields} />
      <FormError message={errors['']} />
      <Button className="btn-primary" onClick={save}>
        {id ? '保存修改' : '发布课堂'}
      </Button>
    </View>
  );

  return (
    <Screen className="page admin-class-edit">
      {id ? (
        <StateView loading={existing.loading && !c} error={c ? undefined : existing.error} onRetry={existing.reload}>
          {c && form}
        </StateView>
      ) : (
        form
      )}
    </Screen>
  );
}
