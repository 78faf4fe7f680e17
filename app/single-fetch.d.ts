// Single fetch typings (loaders/actions may return `data()` with headers).
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
