/** The create-a-session request of docs/api-contract.md#create-a-session, for this project's host and key. */
export function quickStartSnippet(baseUrl: string, secretKey: string) {
  return [
    `curl -X POST ${baseUrl}/v1/sessions \\`,
    `  -H "Authorization: Bearer ${secretKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{`,
    `    "externalCustomerId": "player_12345",`,
    `    "sourceAmount": "100",`,
    `    "sourceCurrency": "USD",`,
    `    "destinationCurrency": "ETH",`,
    `    "network": "ethereum",`,
    `    "destinationAddress": "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",`,
    `    "redirectUrl": "https://yoursite.com/payment-complete",`,
    `    "type": "onramp"`,
    `  }'`,
  ].join("\n");
}
