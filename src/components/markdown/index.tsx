import { View, Text, Image } from '@tarojs/components';
import { mediaSrc } from '../../services/media';
import { inlineParts, parseMarkdown } from './parse';
import './index.css';

/**
 * A small Markdown reader for notices and class descriptions (and the organisers' live preview):
 * headings, paragraphs, lists, **bold** and images. Plain Views keep it the same on weapp and H5 and keep
 * the subPackages small.
 */
export default function Markdown({ source }: { source: string }) {
  return (
    <View className="md">
      {parseMarkdown(source).map((b, i) => {
        if (b.kind === 'image') return <Image key={i} className="md__img" src={mediaSrc(b.src)} mode="widthFix" lazyLoad />;
        if (b.kind === 'heading')
          return (
            <Text key={i} className={`md__h md__h${b.level}`}>
              {inline(b.text)}
            </Text>
          );
        if (b.kind === 'list')
          return (
            <View key={i} className="md__list">
              {b.items.map((item, j) => (
                <View key={j} className="md__li">
                  <Text className="md__dot">{b.ordered ? `${j + 1}.` : '•'}</Text>
                  <Text className="md__li-text">{inline(item)}</Text>
                </View>
              ))}
            </View>
          );
        return (
          <Text key={i} className="md__p">
            {inline(b.text)}
          </Text>
        );
      })}
    </View>
  );
}

function inline(text: string) {
  return inlineParts(text).map((p, i) =>
    p.bold ? (
      <Text key={i} className="md__b">
        {p.text}
      </Text>
    ) : (
      p.text
    ),
  );
}
