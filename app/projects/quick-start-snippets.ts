/**
 * The quick start's code (docs/api-contract.md#create-a-session), for this project's host and key: the session
 * request in curl, Node and Python, its redirectUrl pointing at our own outcome page, and the commands that
 * receive the webhook locally (`ramp listen`, README).
 */
export const QUICK_START_RETURN_PATH = "/quickstart/return";

export function quickStartReturnUrl(baseUrl: string) {
  return `${baseUrl}${QUICK_START_RETURN_PATH}`;
}

function sessionRequest(baseUrl: string) {
  return {
    externalCustomerId: "player_12345",
    sourceAmount: "100",
    sourceCurrency: "USD",
    destinationCurrency: "ETH",
    network: "ethereum",
    destinationAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
    redirectUrl: quickStartReturnUrl(baseUrl),
    type: "onramp",
  };
}

/** curl: prints the answer; its attributes.url is the hosted checkout to open. */
export function quickStartSnippet(baseUrl: string, secretKey: string) {
  const body = JSON.stringify(sessionRequest(baseUrl), null, 2)
    .split("\n")
    .map((line, i) => (i === 0 ? line : `    ${line}`))
    .join("\n");
  return [
    `curl -X POST ${baseUrl}/v1/sessions \\`,
    `  -H "Authorization: Bearer ${secretKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
}

export function quickStartNodeSnippet(baseUrl: string, secretKey: string) {
  return [
    "// Node 18+, no dependencies: node create-session.mjs",
    `const response = await fetch("${baseUrl}/v1/sessions", {`,
    `  method: "POST",`,
    `  headers: { Authorization: "Bearer ${secretKey}", "Content-Type": "application/json" },`,
    `  body: JSON.stringify(${JSON.stringify(sessionRequest(baseUrl), null, 2).replace(/\n/g, "\n  ")}),`,
    `});`,
    `const session = await response.json();`,
    `console.log(session.attributes.url); // the hosted checkout: open it (or redirect your customer there)`,
  ].join("\n");
}

export function quickStartPythonSnippet(baseUrl: string, secretKey: string) {
  return [
    "# Python 3, standard library only: python3 create_session.py",
    "import json",
    "import urllib.request",
    "",
    `body = json.dumps(${JSON.stringify(sessionRequest(baseUrl), null, 4)}).encode()`,
    "request = urllib.request.Request(",
    `    "${baseUrl}/v1/sessions",`,
    "    data=body,",
    `    headers={"Authorization": "Bearer ${secretKey}", "Content-Type": "application/json"},`,
    ")",
    "with urllib.request.urlopen(request) as response:",
    "    session = json.load(response)",
    `print(session["attributes"]["url"])  # the hosted checkout: open it (or redirect your customer there)`,
  ].join("\n");
}

/** The repo's copy of the webhooks page's Node receiver (test/webhook-samples.test.ts keeps them equal). */
export const EXAMPLE_RECEIVER_PATH = "docs/examples/webhook-receiver.mjs";

/**
 * Step 4 in one paste, from the repo: the example receiver in the background and `ramp listen` forwarding this
 * project's test events to it, both with one signing secret (`listenSecret`, new per page view and never stored: it
 * signs only what the CLI forwards locally), so no secret is copied from one terminal to another.
 */
export function quickStartListenCommand(baseUrl: string, secretKey: string, listenSecret: string) {
  return [
    `export RAMP_WEBHOOK_SECRET=${listenSecret}`,
    `node ${EXAMPLE_RECEIVER_PATH} &`,
    `RAMP_API_KEY=${secretKey} RAMP_BASE_URL=${baseUrl} npx ramp listen --forward-to http://localhost:4000/webhooks`,
  ].join("\n");
}
