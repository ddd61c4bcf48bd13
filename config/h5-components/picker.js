import { defineCustomElementTaroPickerCore } from '@tarojs/components/dist/components';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';

// As in @tarojs/components/lib/react/components.js.
export const Picker = /*@__PURE__*/ createReactComponent('taro-picker-core', undefined, manipulatePropsFunction, defineCustomElementTaroPickerCore);
