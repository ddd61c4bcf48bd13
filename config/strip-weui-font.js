/**
 * Webpack loader (H5 only) for Taro's component stylesheet: drops the weui icon font, which the stylesheet
 * carries inline as base64 into every first screen although only <Checkbox> draws with it, and the app has none.
 * Using Checkbox on H5 means removing this loader (config/index.ts).
 */
module.exports = function stripWeuiFont(source) {
  return source.replace(/@font-face\{[^}]*font-family:\s*"?weui"?;[^}]*\}/, '');
};
