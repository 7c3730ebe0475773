import QRCode from "qrcode";

/**
 * PNG of a QR code for the dossier's public tracking page. Only http(s) addresses are accepted: the code
 * is printed on paper handed to citizens, so a wrong or unsafe link must fail here rather than there.
 */
export async function trackingQrPng(url: string): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Tracking URL is not a valid URL: ${url}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new TypeError(`Tracking URL must be http(s): ${url}`);
  }
  // Level M survives a smudged or creased print; a quiet zone of 2 modules is enough on white paper.
  return QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 240 });
}
