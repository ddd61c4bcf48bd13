import { View, Text, Picker } from '@tarojs/components';
import { Field } from './field';
import { dateFace, joinDateTime, splitDateTime } from './datetime';
import { chinaDay } from '@contracts/china-time';

interface Props {
  name: string;
  label: string;
  /** "2027-05-29 09:00", or "2027-05-29" when dateOnly; '' when not set (optional fields). */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  dateOnly?: boolean;
  /** For an optional time: what happens when it is left empty ("留空：活动开始前 1 小时"); shows 清除. */
  emptyText?: string;
  /** The time a fresh pick of an empty field starts from. */
  defaultTime?: string;
}

/** A date and a time, each picked with Taro's Picker (mode date / mode time), on weapp and H5 alike. */
export default function DateTimeField(props: Props) {
  const { date, time } = splitDateTime(props.value);
  const fallbackTime = props.defaultTime ?? '09:00';
  const today = chinaDay(Date.now());
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <View className="dt">
        <Picker
          mode="date"
          value={date || today}
          onChange={(e) => props.onChange(props.dateOnly ? e.detail.value : joinDateTime(e.detail.value, time || fallbackTime))}
        >
          <View className={`dt__box dt__date ${date ? '' : 'dt__box--empty'}`} data-name={`${props.name}-date`} aria-label={`${props.label}：选择日期`}>
            <Text>{date ? dateFace(date) : '选择日期'}</Text>
          </View>
        </Picker>
        {!props.dateOnly && (
          <Picker mode="time" value={time || fallbackTime} onChange={(e) => props.onChange(joinDateTime(date || today, e.detail.value))}>
            <View className={`dt__box dt__time ${time ? '' : 'dt__box--empty'}`} data-name={`${props.name}-time`} aria-label={`${props.label}：选择时间`}>
              <Text>{time || '选择时间'}</Text>
            </View>
          </Picker>
        )}
      </View>
      {props.emptyText !== undefined && (
        <View className="dt__empty-row">
          <Text className="field-hint">{props.value ? '' : props.emptyText}</Text>
          {props.value && (
            <Text className="dt__clear" onClick={() => props.onChange('')}>
              清除
            </Text>
          )}
        </View>
      )}
    </Field>
  );
}
