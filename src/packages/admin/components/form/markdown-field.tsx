import { View, Text, Textarea } from '@tarojs/components';
import Markdown from '../../../../components/markdown';
import { Field } from './field';

/** A Markdown body and, under it, how members will see it, updated as the organiser types. */
export default function MarkdownField(props: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  maxlength: number;
  tools?: React.ReactNode;
}) {
  return (
    <Field name={props.name} label={props.label} hint="支持 Markdown：“## 标题”、“- 列表”、“**加粗**”；标题下一行就可以写列表" error={props.error}>
      {props.tools}
      <Textarea
        className="md-field__input"
        name={props.name}
        nativeProps={{ 'aria-label': props.label }}
        value={props.value}
        maxlength={props.maxlength}
        autoHeight={false}
        onInput={(e) => props.onChange(e.detail.value)}
      />
      <View className="md-field__preview" data-preview-for={props.name}>
        <Text className="md-field__preview-title">预览（会员看到的样子）</Text>
        {props.value.trim() ? <Markdown source={props.value} /> : <Text className="field-hint">正文还是空的</Text>}
      </View>
    </Field>
  );
}
