import { chromiumPath, launchChromium } from "./chromium.ts";

export type PdfResult = { ok: true; pdf: Uint8Array } | { ok: false; reason: string };

/**
 * Prints the release page with Chromium. The page is self-contained, so every request it might
 * still make is refused: printing never touches the network.
 */
export async function printPdf(html: string): Promise<PdfResult> {
  const path = chromiumPath();
  if (!path) {
    return {
      ok: false,
      reason:
        "未找到 Chromium，跳过 PDF（apt-get install -y chromium fonts-noto-cjk） (Chromium not found, PDF skipped; apt-get install -y chromium fonts-noto-cjk)",
    };
  }
  const browser = await launchChromium(path);
  try {
    const page = await browser.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      margin: { top: "18mm", bottom: "18mm", left: "16mm", right: "16mm" },
    });
    return { ok: true, pdf: new Uint8Array(pdf) };
  } finally {
    await browser.close();
  }
}
