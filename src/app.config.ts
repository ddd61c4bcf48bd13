export default defineAppConfig({
  pages: ['pages/home/index', 'pages/mine/index', 'pages/mine/edit', 'pages/mine/data', 'pages/privacy/index', 'pages/login/index'],
  // One subPackage per feature keeps the main package small; routes are /packages/<feature>/<page>.
  subPackages: [
    { root: 'packages/quiz', pages: ['index'] },
    { root: 'packages/classes', pages: ['index'] },
    { root: 'packages/events', pages: ['index'] },
    { root: 'packages/magazine', pages: ['index', 'issue', 'article', 'search', 'mine', 'list'] },
    { root: 'packages/admin', pages: ['index', 'magazine/index'] },
  ],
  // Only for `taro build native-components` (tests/weapp): React components compiled to native ones.
  components: ['components/profile-card/index', 'packages/magazine/components/toc-item/index', 'packages/magazine/components/font-size-control/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '会员之家',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ef',
  },
  tabBar: {
    color: '#6b6b6b',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
});
