import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { call, ApiCallError } from '../../services/api';
import type { AttemptView } from '@contracts/quiz';
import QuestionCard from './components/question-card';
import './index.css';
import Screen from '../../components/screen';

const mmss = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export default function QuizAnswerPage() {
  const campaignId = Number(useRouter().params.id);
  const [view, setView] = useState<AttemptView>();
  const [error, setError] = useState<ApiCallError>();
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [current, setCurrent] = useState(0);
  const [left, setLeft] = useState(0);
  const offset = useRef(0);
  const submitting = useRef(false);
  const answersRef = useRef(answers);
  answersRef.current = answers;

  const load = async () => {
    try {
      const v = await call('quiz.start', { campaignId }, { quiet: true, loading: '正在准备试题…' });
      offset.current = new Date(v.serverNow).getTime() - Date.now();
      setView(v);
      setAnswers(v.answers);
      const firstOpen = v.questions.findIndex((q) => !v.answers[q.id]);
      setCurrent(firstOpen < 0 ? 0 : firstOpen);
      setError(undefined);
    } catch (e) {
      setError(e as ApiCallError);
    }
  };
  useEffect(() => {
    void load();
    // Started once per campaign (load starts or resumes the attempt).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId]);

  const submit = async () => {
    if (!view || submitting.current) return;
    submitting.current = true;
    try {
      const payload = Object.entries(answersRef.current).map(([questionId, choice]) => ({ questionId, choice }));
      const r = await call('quiz.submit', { attemptId: view.attemptId, answers: payload }, { loading: '正在交卷…' });
      Taro.redirectTo({ url: `/packages/quiz/result?attemptId=${r.attemptId}` });
    } catch {
      submitting.current = false;
    }
  };

  // The countdown follows the server's deadline, corrected by the clock difference seen at start.
  useEffect(() => {
    if (!view) return;
    const tick = () => {
      const ms = new Date(view.deadline).getTime() - (Date.now() + offset.current);
      setLeft(ms);
      if (ms <= 0) void submit();
    };
    tick();
    const t = setInterval(tick, 1000);
    return () => clearInterval(t);
    // One timer per attempt; submit reads the latest answers through a ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view]);

  const choose = (questionId: string, choice: number[]) => {
    setAnswers((a) => ({ ...a, [questionId]: choice }));
    // Saved as the member goes, so a reload resumes; a failed save is sent again with the submit.
    call('quiz.saveAnswer', { attemptId: view!.attemptId, questionId, choice }, { quiet: true }).catch(() => undefined);
  };

  const confirmSubmit = async () => {
    // Always asked, answered or not: a submitted paper cannot be changed. (Time running out submits without asking.)
    const missing = view!.questions.filter((q) => !answers[q.id]?.length).length;
    const r = await Taro.showModal({
      title: '现在交卷吗？',
      content: missing > 0 ? `还有 ${missing} 题没有作答。交卷后就不能再改答案了。` : `${view!.questions.length} 道题都答完了。交卷后就不能再改答案了。`,
      confirmText: '确定交卷',
      cancelText: '继续答题',
      confirmColor: '#c8102e',
    });
    if (!r.confirm) return;
    await submit();
  };

  const q = view?.questions[current];
  const answered = view ? view.questions.filter((x) => answers[x.id]?.length).length : 0;
  return (
    <Screen className="page quiz-answer">
      <StateView loading={!view && !error} error={error} onRetry={load}>
        {view && q && (
          <View>
            <View className="row">
              <Text className="muted">{`已答 ${answered} / ${view.questions.length}`}</Text>
              <Text className={`quiz-timer${left < 60_000 ? ' quiz-timer--low' : ''}`} aria-label="剩余时间">{`剩余 ${mmss(left)}`}</Text>
            </View>
            <View className="progress">
              <View className="progress-bar" style={{ width: `${((current + 1) / view.questions.length) * 100}%` }} />
            </View>
            <QuestionCard
              index={current}
              total={view.questions.length}
              type={q.type}
              stem={q.stem}
              options={q.options}
              selected={answers[q.id] ?? []}
              onChange={(c) => choose(q.id, c)}
              onPrev={() => setCurrent((i) => Math.max(0, i - 1))}
              onNext={() => setCurrent((i) => Math.min(view.questions.length - 1, i + 1))}
            />
            <View className="btn-primary quiz-submit" onClick={confirmSubmit}>
              <Text>交卷</Text>
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
