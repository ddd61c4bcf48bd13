/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** Injected by config/index.ts defineConstants at build time. */
declare const CLOUD_ENV_ID: string;
declare const API_BASE: string;
/** 家长课堂 subscribe-message templates, "class_promoted:<id>,class_reminder:<id>" (see README); '' = none. */
declare const CLASS_SUBSCRIBE_TEMPLATE_IDS: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
  }
}
