/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** Injected by config/index.ts defineConstants at build time. */
declare const CLOUD_ENV_ID: string;
declare const API_BASE: string;
/** 家长课堂 subscribe-message templates, "class_promoted:<id>,class_reminder:<id>" (see README); '' = none. */
declare const CLASS_SUBSCRIBE_TEMPLATE_IDS: string;
/** 微信云托管 service name (TARO_APP_CLOUD_RUN_SERVICE): the weapp calls the API through Taro.cloud.callContainer; '' = not used. */
declare const CLOUD_RUN_SERVICE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
  }
}
