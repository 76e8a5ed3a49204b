import { createApiClient, type Fetch } from "./api-client";
import { byId } from "./dom";
import { failureMessage } from "./messages";
import { startQuotePanel } from "./quote-panel";
import { startQuoteView } from "./quote-view";
import { parseRoute } from "./route";
import { startSavedList } from "./saved-list";
import { loadSiteConfig } from "./site-config";

// Called through a wrapper: a browser's fetch throws "Illegal invocation" when called detached from window.
const browserFetch: Fetch = (input, init) => fetch(input, init);

async function main() {
  const siteMessage = byId("site-message", HTMLParagraphElement);
  const homeView = byId("home-view", HTMLDivElement);
  const quoteView = byId("quote-view", HTMLElement);

  // Beside index.html, whatever path the site is served under.
  const config = await loadSiteConfig(browserFetch, new URL("config.json", document.baseURI).href);
  if (!config.ok) {
    siteMessage.textContent = failureMessage(config.failure);
    siteMessage.hidden = false;
    return;
  }

  const api = createApiClient({ apiUrl: config.value.apiUrl, fetch: browserFetch });
  const savedList = startSavedList(api);
  startQuotePanel(api, () => void savedList.refresh());
  const oneQuote = startQuoteView(api);

  let listLoaded = false;
  const showRoute = () => {
    const route = parseRoute(window.location.hash);
    homeView.hidden = route.view !== "home";
    quoteView.hidden = route.view !== "quote";
    if (route.view === "quote") {
      void oneQuote.show(route.id);
    } else if (!listLoaded) {
      listLoaded = true;
      void savedList.refresh();
    }
  };
  // Following a link swaps the view in place; moving focus to its heading tells a screen reader so.
  window.addEventListener("hashchange", () => {
    showRoute();
    const heading = parseRoute(window.location.hash).view === "quote" ? "one-heading" : "get-heading";
    byId(heading, HTMLHeadingElement).focus();
  });
  showRoute();
}

void main();
