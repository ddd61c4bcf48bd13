export default definePageConfig({ navigationBarTitleText: '《人生》', enableShareAppMessage: true });
