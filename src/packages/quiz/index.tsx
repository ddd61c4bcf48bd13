import FeatureIntro from '../../components/feature-intro';

export default function QuizEntryPage() {
  return (
    <FeatureIntro
      title='知识竞赛'
      lead='围绕优生优育、新型婚育文化、家庭健康和青春健康，参加本地协会组织的线上知识竞赛。'
      coming={[
        '正在进行、即将开始和已结束的竞赛，我的最好成绩与剩余次数',
        '逐题作答，进度条与倒计时，中途退出可继续',
        '服务器评分，查看得分、排名与答案解析',
        '全区与本盟市、旗县排行榜，成绩海报分享',
        '参与和及格都可获得积分',
      ]}
    />
  );
}
