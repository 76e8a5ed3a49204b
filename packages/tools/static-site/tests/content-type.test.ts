import { describe, expect, it } from "vitest";
import { cacheControlFor, IMMUTABLE, isContentHashed, REVALIDATE } from "../src/cache-control";
import { contentTypeFor, DEFAULT_CONTENT_TYPE } from "../src/content-type";

describe("contentTypeFor", () => {
  it.each([
    ["index.html", "text/html; charset=utf-8"],
    ["assets/app-5XQ2ZC7K.js", "text/javascript; charset=utf-8"],
    ["assets/styles-AB12CD34.css", "text/css; charset=utf-8"],
    ["config.json", "application/json; charset=utf-8"],
    ["assets/app-5XQ2ZC7K.js.map", "application/json; charset=utf-8"],
    ["logo.svg", "image/svg+xml"],
    ["img/Photo.PNG", "image/png"],
    ["favicon.ico", "image/x-icon"],
    ["robots.txt", "text/plain; charset=utf-8"],
    ["fonts/inter.woff2", "font/woff2"],
  ])("%s is %s", (key, type) => {
    expect(contentTypeFor(key)).toBe(type);
  });

  it("falls back to a download for unknown or missing extensions", () => {
    expect(contentTypeFor("data.bin")).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor("LICENSE")).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor(".env")).toBe(DEFAULT_CONTENT_TYPE);
  });
});

describe("cache control", () => {
  it.each([
    "assets/app-5XQ2ZC7K.js",
    "assets/app-5XQ2ZC7K.js.map",
    "assets/styles.3f9a0c1b.css",
    "chunk-0123abcd.js",
  ])("caches the content-hashed %s for a year", (key) => {
    expect(isContentHashed(key)).toBe(true);
    expect(cacheControlFor(key)).toBe(IMMUTABLE);
  });

  it.each(["index.html", "config.json", "assets/app-settings.js", "favicon.ico", "app.js"])(
    "revalidates %s on every use",
    (key) => {
      expect(isContentHashed(key)).toBe(false);
      expect(cacheControlFor(key)).toBe(REVALIDATE);
    },
  );

  it("lets the caller say which keys are hashed", () => {
    expect(cacheControlFor("assets/anything.js", (key) => key.startsWith("assets/"))).toBe(IMMUTABLE);
  });
});
