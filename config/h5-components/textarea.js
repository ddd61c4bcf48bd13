import { defineCustomElementTaroTextareaCore } from '@tarojs/components/dist/components';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';

// As in @tarojs/components/lib/react/components.js.
export const Textarea = /*@__PURE__*/ createReactComponent('taro-textarea-core', undefined, manipulatePropsFunction, defineCustomElementTaroTextareaCore);
