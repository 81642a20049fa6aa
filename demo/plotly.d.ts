// plotly.js-dist is the full prebuilt bundle of plotly.js; its API is typed by @types/plotly.js.
declare module "plotly.js-dist" {
  import * as Plotly from "plotly.js";
  export default Plotly;
}
