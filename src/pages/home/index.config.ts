export default definePageConfig({ navigationBarTitleText: '会员之家' });
