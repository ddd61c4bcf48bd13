import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Image, Canvas } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import { useMember } from '../../hooks/useMember';
import ResultCard from './components/result-card';
import { downloadPosterH5, posterDataOf, posterDataUrlH5, posterFileWeapp, type PosterCode } from './components/poster';
import { campaignH5Link } from './components/poster-code';
import { call } from '../../services/api';
import './index.css';
import Screen from '../../components/screen';

const LETTERS = 'ABCDEFGHIJ';

/**
 * The code on the poster: H5 draws an ordinary QR of the campaign's H5 page; the weapp the campaign's 小程序码
 * (wechat.campaignCode, made once per campaign), or, where the host cannot reach WeChat, a QR of the H5 page
 * when the build knows the HTTP host (API_BASE), else none.
 */
async function campaignPosterCode(campaignId: number): Promise<PosterCode> {
  if (process.env.TARO_ENV === 'h5') return { qrText: campaignH5Link(window.location.origin, campaignId) };
  const c = await call('wechat.campaignCode', { campaignId }, { quiet: true }).catch(() => null);
  if (c?.image) return { image: `${API_BASE}${c.image}` };
  return API_BASE ? { qrText: campaignH5Link(API_BASE, campaignId) } : null;
}

export default function QuizResultPage() {
  const attemptId = Number(useRouter().params.attemptId);
  const { data: r, error, loading, reload } = useAction('quiz.result', { attemptId });
  const { member } = useMember();
  // 再答一次 when this campaign is still open and today's attempts are not used up.
  const list = useAction('quiz.list', {}, { enabled: !!r });
  const campaign = list.data?.campaigns.find((c) => c.id === r?.campaignId);
  const canAgain = !!campaign && campaign.status === 'open' && campaign.eligible && (!!campaign.unfinishedAttemptId || campaign.attemptsLeftToday > 0);
  const [poster, setPoster] = useState<string>();

  const posterFileName = `竞赛成绩-${r?.score ?? 0}分.png`;
  const makePoster = async () => {
    if (!r) return;
    const d = posterDataOf(r, member?.nickname ?? '我');
    const code = await campaignPosterCode(r.campaignId);
    if (process.env.TARO_ENV === 'h5') {
      const url = posterDataUrlH5(d, code);
      setPoster(url);
      downloadPosterH5(url, posterFileName);
      return;
    }
    try {
      const file = await posterFileWeapp('quiz-poster', d, code);
      setPoster(file);
      const wx = Taro as any;
      if (wx.showShareImageMenu) await wx.showShareImageMenu({ path: file });
      else await Taro.saveImageToPhotosAlbum({ filePath: file });
    } catch {
      Taro.showToast({ title: '海报保存失败，请重试', icon: 'none' });
    }
  };

  return (
    <Screen className="page quiz-result">
      <StateView loading={loading && !r} error={r ? undefined : error} onRetry={reload}>
        {r && (
          <View>
            <ResultCard
              {...r}
              posterLabel={process.env.TARO_ENV === 'h5' ? '保存成绩海报' : '保存 / 分享海报'}
              onLeaderboard={() => Taro.navigateTo({ url: `/packages/quiz/leaderboard?id=${r.campaignId}` })}
              onPoster={makePoster}
            />
            {canAgain && (
              <View className="btn-primary rcard__again" role="button" onClick={() => Taro.redirectTo({ url: `/packages/quiz/answer?id=${r.campaignId}` })}>
                <Text>{campaign!.unfinishedAttemptId ? '继续答题' : `再答一次（今天还可答 ${campaign!.attemptsLeftToday} 次）`}</Text>
              </View>
            )}
            {process.env.TARO_ENV !== 'h5' && (
              <Canvas type="2d" id="quiz-poster" style={{ position: 'fixed', left: '-2000px', width: '600px', height: '800px' }} />
            )}
            {poster && (
              <View className="card quiz-poster-card">
                {process.env.TARO_ENV === 'h5' ? (
                  <img className="quiz-poster-img" src={poster} alt="成绩海报" />
                ) : (
                  <Image className="quiz-poster" src={poster} mode="aspectFit" />
                )}
                {process.env.TARO_ENV === 'h5' && (
                  <a href={poster} download={posterFileName} className="link quiz-download">
                    再次下载海报
                  </a>
                )}
              </View>
            )}
            {r.review ? (
              <View className="card quiz-review">
                <Text className="card-title">答案解析</Text>
                {r.review.map((q, i) => (
                  <View key={q.id} className="quiz-review__item">
                    <Text className="quiz-review__stem">{`${i + 1}. ${q.stem}`}</Text>
                    {q.options.map((o, p) => (
                      <Text
                        key={p}
                        className={`quiz-review__opt${q.correct.includes(p) ? ' quiz-review__opt--right' : q.mine.includes(p) ? ' quiz-review__opt--wrong' : ''}`}
                      >{`${LETTERS[p]}. ${o}`}</Text>
                    ))}
                    <Text className={`quiz-review__mine ${q.isCorrect ? 'quiz-ok' : 'quiz-bad'}`}>
                      {`我的答案：${q.mine.length ? q.mine.map((p) => LETTERS[p]).join('') : '未作答'} · 正确答案：${q.correct.map((p) => LETTERS[p]).join('')} ${q.isCorrect ? '✓' : '✗'}`}
                    </Text>
                    <Text className="quiz-review__expl">{`解析：${q.explanation}`}</Text>
                  </View>
                ))}
              </View>
            ) : (
              <Text className="hint">本次竞赛不公布答案解析。</Text>
            )}
          </View>
        )}
      </StateView>
    </Screen>
  );
}
