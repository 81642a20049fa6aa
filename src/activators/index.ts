export { gelu } from "./gelu.js";
export { leakyRelu } from "./leakyRelu.js";
export { relu } from "./relu.js";
export { sigmoid } from "./sigmoid.js";
export { silu } from "./silu.js";
export { softplus } from "./softplus.js";
export { step } from "./step.js";
export { tanh } from "./tanh.js";
