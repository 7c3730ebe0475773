/** A route's rate limit (per client address): at most `max` requests a minute, then 429 `rate_limited`. */
export const perMinute = (max: number) => ({ max, timeWindow: "1 minute" });
