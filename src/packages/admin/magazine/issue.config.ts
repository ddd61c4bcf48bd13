export default definePageConfig({ navigationBarTitleText: '编辑一期' });
