import { View, Text } from '@tarojs/components';
import './index.css';

export interface QuestionCardProps {
  index: number;
  total: number;
  type: 'single' | 'multiple' | 'judge';
  stem: string;
  options: string[];
  selected: number[];
  onChange?: (choice: number[]) => void;
  onPrev?: () => void;
  onNext?: () => void;
}

const LABEL = { single: '单选题', multiple: '多选题（选出全部正确答案）', judge: '判断题' };
const LETTERS = 'ABCDEFGHIJ';

/** One question: options to tap, and back / next. Presentational (props in, callbacks out). */
export default function QuestionCard({ index, total, type, stem, options, selected = [], onChange, onPrev, onNext }: QuestionCardProps) {
  const toggle = (p: number) => {
    if (!onChange) return;
    if (type === 'multiple') onChange(selected.includes(p) ? selected.filter((x) => x !== p) : [...selected, p].sort((a, b) => a - b));
    else onChange([p]);
  };
  return (
    <View className="qcard">
      <View className="qcard__head">
        <Text className="qcard__type">{LABEL[type]}</Text>
        <Text className="qcard__count">{`第 ${index + 1} / ${total} 题`}</Text>
      </View>
      <Text className="qcard__stem">{stem}</Text>
      {options.map((o, p) => (
        <View
          key={p}
          className={`qcard__option qcard__option-${p}${selected.includes(p) ? ' qcard__option--on' : ''}`}
          role={type === 'multiple' ? 'checkbox' : 'radio'}
          aria-checked={selected.includes(p)}
          onClick={() => toggle(p)}
        >
          <Text className="qcard__letter">{LETTERS[p]}</Text>
          <Text className="qcard__text">{o}</Text>
        </View>
      ))}
      <View className="qcard__nav">
        <View className={`qcard__btn qcard__btn--prev${index === 0 ? ' qcard__btn--off' : ''}`} onClick={() => index > 0 && onPrev?.()}>
          <Text>上一题</Text>
        </View>
        {index < total - 1 && (
          <View className="qcard__btn qcard__btn--next" onClick={() => onNext?.()}>
            <Text>下一题</Text>
          </View>
        )}
      </View>
    </View>
  );
}
