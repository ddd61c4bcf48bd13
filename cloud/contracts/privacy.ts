/**
 * The privacy notice (个人信息保护法), shown on first use and on 我的 › 隐私与数据.
 * Kept free of zod so the client can import its values without pulling a validator into the bundle.
 */

/** Bumped when the notice changes in substance; members are then asked again. */
export const PRIVACY_NOTICE_VERSION = '2026-11';

export const PRIVACY_NOTICE = {
  title: '个人信息保护说明',
  intro: '会员之家由计划生育协会提供。我们只收集为您提供服务所必需的信息，并只用于下列目的：',
  items: [
    { what: '微信身份标识（微信分配给本小程序的一串编号，不是微信号）与昵称', why: '识别您的账号，保存您的积分、报名与学习记录。' },
    { what: '所在单位（协会组织）', why: '为您展示本地协会的活动、课堂和竞赛，并统计各单位参与情况。' },
    { what: '真实姓名（可选）', why: '课堂报名、活动签到时核对身份；不填写也可使用大部分功能。' },
    { what: '手机号（可选）', why: '课堂变动时联系您；除您本人和所属协会管理员外，他人只能看到打码后的号码。' },
  ],
  rights: '您可以随时在“我的 › 隐私与数据”中查看我们保存的全部信息，或注销账号。注销后您的个人信息会被删除，只保留不指向个人的统计数字。',
} as const;
