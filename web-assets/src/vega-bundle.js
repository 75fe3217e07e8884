// One classic script for the dashboard's charts: Vega, Vega-Lite, vega-embed and Vega's
// expression interpreter, exposed as globals. The interpreter lets Vega evaluate expressions
// without `new Function`, so charts render under a CSP without 'unsafe-eval'.
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import vegaEmbed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

Object.assign(globalThis, {
  vega,
  vegaLite,
  vegaEmbed,
  vegaInterpreter: { expressionInterpreter },
});
