import pino from "pino";

/**
 * Structured logs. Secrets are redacted by key name so a provider key passed in an object
 * never reaches the log stream, whatever the caller forgets.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  redact: {
    paths: [
      "apiKey", "*.apiKey", "*.*.apiKey", "authorization", "*.authorization", "headers.authorization",
      "*.headers.authorization", "password", "*.password", "secret", "*.secret", "token", "*.token",
      "*.secretKey", "*.accessKey", "key", "*.key",
    ],
    censor: "[redacted]",
  },
});
