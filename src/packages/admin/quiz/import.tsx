import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { call } from '../../../services/api';
import { useMember } from '../../../hooks/useMember';
import type { ImportReport } from '@contracts/quiz';
import { saveFile } from '../files';
import { pickBankFile } from './files';
import '../../quiz/index.css';
import Screen from '../../../components/screen';

export default function AdminQuizImportPage() {
  const { member } = useMember();
  const [title, setTitle] = useState('');
  const [report, setReport] = useState<ImportReport>();
  const org = member?.adminOrgs[0];

  const template = async (format: 'xlsx' | 'csv') => saveFile(await call('quiz.admin.template', { format }, { loading: '正在生成模板…' }));
  const upload = async () => {
    if (!org) return;
    const file = await pickBankFile();
    if (!file) return;
    try {
      setReport(
        await call(
          'quiz.admin.importBank',
          { orgId: org.id, title: title.trim() || file.fileName.replace(/\.\w+$/, ''), fileName: file.fileName, content: file.content },
          { loading: '正在导入…' },
        ),
      );
    } catch {
      setReport(undefined);
    }
  };

  return (
    <Screen className="page admin-quiz-import">
      <View className="card">
        <Text className="card-title">导入题库</Text>
        <Text className="muted">{`题库归属：${org?.name ?? '—'}。先下载模板，按模板填写（题型、题干、选项A–E、答案、解析），再上传 .xlsx 或 .csv 文件。`}</Text>
        <View className="quiz-campaign__actions">
          <View className="btn-plain quiz-btn" onClick={() => template('xlsx')}>
            <Text>下载模板 .xlsx</Text>
          </View>
          <View className="btn-plain quiz-btn" onClick={() => template('csv')}>
            <Text>下载模板 .csv</Text>
          </View>
        </View>
        <View className="field">
          <Text className="field-label">题库名称</Text>
          <Input
            className="field-input"
            name="bankTitle"
            value={title}
            maxlength={40}
            placeholder="如：优生优育知识题库"
            onInput={(e) => setTitle(e.detail.value)}
          />
        </View>
        <View className="btn-primary quiz-submit" onClick={upload}>
          <Text>选择文件并导入</Text>
        </View>
      </View>
      {report && (
        <View className="card admin-quiz-report">
          <Text className="card-title">导入结果</Text>
          <Text className="quiz-ok quiz-hint-block">{`成功导入 ${report.imported} 题`}</Text>
          <Text className={`${report.failed.length ? 'quiz-bad' : 'muted'} quiz-hint-block`}>{`失败 ${report.failed.length} 行`}</Text>
          {report.failed.map((f) => (
            <View key={f.row} className="quiz-rank-row">
              <Text>{`第 ${f.row} 行：${f.reason}`}</Text>
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
