import { View, Text, Input } from '@tarojs/components';
import type { FormField } from '@contracts/classes';

interface Props {
  fields: FormField[];
  values: Record<string, string>;
  /** Shown when the class has a child age range. */
  askAge: boolean;
  ageHint: string;
  childAge: string;
  error?: string;
  onChange: (id: string, value: string) => void;
  onAge: (value: string) => void;
}

/** The class's own registration form (text, number, single choice, phone), in large type. Presentational. */
export default function RegForm({ fields, values, askAge, ageHint, childAge, error, onChange, onAge }: Props) {
  return (
    <View className="reg-form">
      {askAge && (
        <View className="field">
          <Text className="field-label">孩子年龄（岁）*</Text>
          <Input className="field-input" name="childAge" type="number" value={childAge} placeholder={ageHint} onInput={(e) => onAge(e.detail.value)} />
        </View>
      )}
      {fields.map((f) => (
        <View className="field" key={f.id}>
          <Text className="field-label">
            {f.label}
            {f.required ? ' *' : '（选填）'}
          </Text>
          {f.type === 'choice' ? (
            <View className="reg-form__choices">
              {(f.options ?? []).map((o) => (
                <Text key={o} className={`reg-form__choice ${values[f.id] === o ? 'reg-form__choice--on' : ''}`} onClick={() => onChange(f.id, o)}>
                  {o}
                </Text>
              ))}
            </View>
          ) : (
            <Input
              className="field-input"
              name={`f_${f.id}`}
              type={f.type === 'phone' ? 'number' : f.type === 'number' ? 'digit' : 'text'}
              maxlength={f.type === 'phone' ? 11 : 200}
              value={values[f.id] ?? ''}
              placeholder={f.type === 'phone' ? '11 位手机号' : `请填写${f.label}`}
              onInput={(e) => onChange(f.id, e.detail.value)}
            />
          )}
        </View>
      ))}
      {error && <Text className="field-error">{error}</Text>}
    </View>
  );
}
