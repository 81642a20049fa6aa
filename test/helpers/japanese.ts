/**
 * The Japanese terms the project agreed on (the standard ones of Japanese physics and ML
 * teaching), which the demo's messages and its rendered page must both use.
 */
export const AGREED_JAPANESE_TERMS = [
  "分配関数",
  "自由エネルギー",
  "エントロピー",
  "比熱",
  "温度",
  "ソフトマックス",
  "活性化関数",
] as const;
