export default definePageConfig({ navigationBarTitleText: '竞赛统计' });
