import { View, Text, Image } from '@tarojs/components';
import { mediaSrc } from '../../../../services/media';

/**
 * A small Markdown reader for notices: headings, paragraphs, lists, **bold** and images.
 * Plain Views keep it the same on weapp and H5 and keep the subPackage small.
 */
export default function Markdown({ source }: { source: string }) {
  const blocks = source.replace(/\r/g, '').split(/\n{2,}/);
  return (
    <View className='md'>
      {blocks.map((b, i) => {
        const img = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(b.trim());
        if (img) return <Image key={i} className='md__img' src={mediaSrc(img[2])} mode='widthFix' lazyLoad />;
        const h = /^(#{1,3})\s+(.*)$/.exec(b.trim());
        if (h) return <Text key={i} className={`md__h md__h${h[1].length}`}>{inline(h[2])}</Text>;
        const lines = b.split('\n');
        if (lines.every((l) => /^\s*([-*]|\d+\.)\s+/.test(l)))
          return (
            <View key={i} className='md__list'>
              {lines.map((l, j) => (
                <View key={j} className='md__li'>
                  <Text className='md__dot'>{/^\s*\d+\./.test(l) ? `${j + 1}.` : '•'}</Text>
                  <Text className='md__li-text'>{inline(l.replace(/^\s*([-*]|\d+\.)\s+/, ''))}</Text>
                </View>
              ))}
            </View>
          );
        return (
          <Text key={i} className='md__p'>
            {inline(lines.join('\n'))}
          </Text>
        );
      })}
    </View>
  );
}

function inline(text: string) {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') ? (
      <Text key={i} className='md__b'>
        {part.slice(2, -2)}
      </Text>
    ) : (
      part
    ),
  );
}
