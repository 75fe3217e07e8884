// Starts GOV.UK Frontend's components (skip link, header menu, ...) without an inline script,
// so the page's CSP needs no 'unsafe-inline'. The class is the one GOV.UK's template sets in an
// inline <script>: the components' styles and initAll itself check for it.
import { initAll } from "./govuk/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
