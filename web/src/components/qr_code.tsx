// Draws an otpauth:// URI as a QR code into a <canvas> (no data: URL, so it works under a strict
// CSP whatever its img-src says). The canvas is exposed as one image with a translated label.
import QRCode from 'qrcode';
import { useEffect, useRef } from 'react';

export function QrCode({ value, label, size = 208 }: { value: string; label: string; size?: number }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    QRCode.toCanvas(canvas.current, value, { width: size, margin: 2, errorCorrectionLevel: 'M' }).catch(() => {
      // Unreachable for otpauth URIs of normal length; the manual key beside it still works.
    });
  }, [value, size]);
  return <canvas ref={canvas} className="qr" role="img" aria-label={label} width={size} height={size} data-testid="totp-qr" />;
}

/** The base32 secret from an otpauth:// URI, or "" when the URI has none. */
export function totpSecretFromUri(uri: string): string {
  const match = /[?&]secret=([^&]+)/i.exec(uri);
  return match?.[1] !== undefined ? decodeURIComponent(match[1]).toUpperCase() : '';
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to copy by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
