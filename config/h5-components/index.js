/**
 * H5 only (aliased as @tarojs/components in config/index.ts). Taro's React bindings define every component in
 * one module, so all the components any page uses ended up in one chunk that the first screen fetched. The form
 * components no first screen uses are defined here one per module instead, so they go in a chunk of their own
 * (form-components) that only the pages using them fetch; everything else is Taro's, unchanged.
 */
export * from '@tarojs/components/lib/react';
export { Picker } from './picker.js';
export { Textarea } from './textarea.js';
export { RichText } from './rich-text.js';
export { Canvas } from './canvas.js';
